#!/usr/bin/env python3
"""The documentation is executable: every `routelab` / `routelab-gui` command in README.md and
docs/*.md runs, in the order written, in one scratch directory per document (with `examples/`
linked in, so the documented paths resolve), and must exit 0; every fenced ```toml block must be
part of a file under examples/ (which the example-file test loads).

Usage: documented_commands.py SOURCE_DIR BIN_DIR [--list] [--only DOC]
A synopsis line (placeholders such as FILE, N or [--option]) and lines that show output are not
commands and are skipped; everything else that starts with `routelab` is run.
"""
import argparse
import glob
import os
import re
import shlex
import subprocess
import sys
import tempfile

PROGRAMS = ("routelab", "routelab-gui")
PLACEHOLDER = re.compile(r"^(\[.*|.*\|.*|[A-Z][A-Z0-9_]*(\.\.\.)?|\.\.\.|<.*>)$")


def code_lines(text):
    """Yields (block number, line) for the lines of indented and fenced code blocks, with backslash
    continuations joined."""
    block = 0
    fenced = False
    in_indented = False
    previous_blank = True
    pending = ""
    for raw in text.splitlines():
        if raw.startswith("```"):
            fenced = not fenced
            block += 1
            continue
        is_code = fenced or (raw.startswith("    ") and (in_indented or previous_blank))
        in_indented = raw.startswith("    ") and is_code and not fenced
        previous_blank = raw.strip() == ""
        if not is_code:
            if raw.strip():
                block += 1
            continue
        line = raw.strip()
        if pending:
            line = pending + " " + line
            pending = ""
        if line.endswith("\\"):
            pending = line[:-1].strip()
            continue
        yield block, line


def commands(text):
    """The documented commands as (program, arguments). A block holding one synopsis line
    (placeholders) is a synopsis as a whole: its other lines are forms, not commands."""
    found, synopsis_blocks = [], set()
    for block, line in code_lines(text):
        if line.startswith("$ "):
            line = line[2:]
        words = line.split()
        if not words or os.path.basename(words[0]) not in PROGRAMS:
            continue
        if words[0] != os.path.basename(words[0]) and not words[0].startswith(("build/bin/", "./build/bin/")):
            continue
        command = line.split("  #")[0].split(" # ")[0].strip()
        arguments = shlex.split(command)[1:]
        if any(PLACEHOLDER.match(word) for word in arguments):
            synopsis_blocks.add(block)
        found.append((block, os.path.basename(words[0]), arguments))
    return [(program, arguments) for block, program, arguments in found if block not in synopsis_blocks]


def as_run(program, arguments):
    """The app's documented commands open a window for a person; the test runs them scripted, so
    they start, run and close by themselves."""
    if program == "routelab-gui":
        arguments = arguments + [flag for flag in ("--run", "--quit-when-done") if flag not in arguments]
    return arguments


def toml_blocks(text):
    blocks, current, fenced = [], None, False
    for raw in text.splitlines():
        if raw.startswith("```"):
            if not fenced:
                fenced = True
                current = [] if raw.strip() == "```toml" else None
            else:
                fenced = False
                if current is not None:
                    blocks.append("\n".join(current))
            continue
        if fenced and current is not None:
            current.append(raw)
    return blocks


def check_examples(source, bin_dir, env):
    """Every shipped example file loads and runs: scenarios compare (shortened), sweeps plan."""
    problems = []
    routelab = os.path.join(bin_dir, "routelab")
    work = tempfile.mkdtemp(prefix="routelab-examples-")
    for path in sorted(glob.glob(os.path.join(source, "examples", "**", "*.toml"), recursive=True)):
        kind = os.path.basename(os.path.dirname(path))
        if kind == "files":
            continue  # data a scenario names (a topology graph, a placement): it runs with that scenario
        if kind == "sweeps":
            command = [routelab, "sweep", "plan", path, "--count"]
        else:
            command = [routelab, "compare", "--scenario", path, "--tokens", "4096", "--format", "json"]
        done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=600)
        print(f"example {os.path.relpath(path, source)}: {'ok' if done.returncode == 0 else done.returncode}")
        if done.returncode != 0:
            problems.append(f"example {path}: `{shlex.join(command)}` exited {done.returncode}:\n{done.stderr[-2000:]}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("bin")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    args.source, args.bin = os.path.abspath(args.source), os.path.abspath(args.bin)
    documents = [os.path.join(args.source, "README.md")] + sorted(glob.glob(os.path.join(args.source, "docs", "*.md")))
    examples = {path: open(path).read() for path in glob.glob(os.path.join(args.source, "examples", "**", "*.toml"),
                                                               recursive=True)}
    problems, ran = [], 0
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PATH=args.bin + os.pathsep + os.environ.get("PATH", ""))
    for document in documents:
        name = os.path.relpath(document, args.source)
        if args.only and name != args.only:
            continue
        text = open(document).read()
        for block in toml_blocks(text):
            if not any(block.strip() in example for example in examples.values()):
                problems.append(f"{name}: a ```toml block is not part of any file under examples/:\n{block}")
        work = tempfile.mkdtemp(prefix="routelab-doc-")
        os.symlink(os.path.join(args.source, "examples"), os.path.join(work, "examples"))
        for program, arguments in commands(text):
            binary = os.path.join(args.bin, program)
            if args.list:
                print(f"{name}: {program} {shlex.join(arguments)}")
                continue
            if not os.path.exists(binary):
                print(f"{name}: skipped (not built): {program} {shlex.join(arguments)}")
                continue
            done = subprocess.run([binary] + as_run(program, arguments), cwd=work, env=env, capture_output=True, text=True,
                                  timeout=600)
            ran += 1
            status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
            print(f"{name}: {status}: {program} {shlex.join(arguments)}", flush=True)
            if done.returncode != 0:
                problems.append(f"{name}: `{program} {shlex.join(arguments)}` exited {done.returncode}:\n"
                                f"{done.stderr[-2000:]}")
    if not args.only and not args.list:
        problems += check_examples(args.source, args.bin, env)
    for problem in problems:
        print("FAILED", problem)
    print(f"{ran} documented commands run; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
