// Bad model files give clear errors naming the file and the key.
#include "routers/learned/model_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "routers/softmax_topk/softmax_topk_router.hpp"

namespace routelab {
namespace {

using ::testing::HasSubstr;

std::string valid_model() {
  auto document = model_document("softmax_topk", 2, 2);
  document["parameters"]["weights"] = std::vector<float>{1, 2, 3, 4};
  document["parameters"]["bias"] = std::vector<float>{0, 0};
  return dump_model(document);
}

RouterConfig config_with(const std::string& json) {
  RouterConfig config;
  config.name = "softmax_topk";
  config.num_experts = 2;
  config.model_json = json;
  config.model_source = "model file 'm.json'";
  return config;
}

std::string error_of(const std::string& json) {
  try {
    SoftmaxTopkRouter router(config_with(json));
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.field(), "router.model");
    return error.what();
  }
  return "(no error)";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ModelFile, ValidModelLoads) { EXPECT_NO_THROW(SoftmaxTopkRouter{config_with(valid_model())}); }

TEST(ModelFile, NotJson) { EXPECT_THAT(error_of("{\"format\": "), HasSubstr("m.json': (syntax): not valid JSON")); }

TEST(ModelFile, WrongFormat) {
  EXPECT_THAT(error_of("{\"format\": \"onnx\"}"), HasSubstr("format: expected \"routelab-model\""));
  EXPECT_THAT(error_of("[1, 2]"), HasSubstr("expected a JSON object"));
}

TEST(ModelFile, WrongVersion) {
  EXPECT_THAT(error_of(replaced(valid_model(), "\"version\": 1", "\"version\": 7")),
              HasSubstr("version: this build reads version 1, the file is version 7"));
}

TEST(ModelFile, WrongRouter) {
  EXPECT_THAT(error_of(replaced(valid_model(), "\"softmax_topk\"", "\"signature\"")),
              HasSubstr("trained for router 'signature', not 'softmax_topk'"));
}

TEST(ModelFile, WrongExpertCount) {
  EXPECT_THAT(error_of(replaced(valid_model(), "\"experts\": 2", "\"experts\": 64")),
              HasSubstr("experts: the model was trained for 64 experts, the scenario has 2"));
}

std::string with_bias(const nlohmann::json& bias) {
  auto document = nlohmann::json::parse(valid_model());
  document["parameters"]["bias"] = bias;
  return document.dump();
}

TEST(ModelFile, WrongParameterCountOrType) {
  EXPECT_THAT(error_of(with_bias({0})), HasSubstr("parameters.bias: expected 2 numbers, got 1"));
  EXPECT_THAT(error_of(with_bias({0, "x"})), HasSubstr("parameters.bias[1]: expected a number"));
  EXPECT_THAT(error_of(with_bias({0, 1e300})), HasSubstr("parameters.bias[1]: expected a finite number within float range"));
  EXPECT_THAT(error_of(with_bias(nlohmann::json::object())), HasSubstr("parameters.bias: expected an array of numbers"));
  EXPECT_THAT(error_of(replaced(valid_model(), "\"bias\"", "\"bais\"")), HasSubstr("parameters.bias: missing"));
}

// Issue 16 item 9: 1e400 gave a raw "[json.exception.out_of_range.406]" with no file or key.
TEST(ModelFile, NumberBeyondADoubleNamesTheFileAndKey) {
  const std::string text = replaced(valid_model(), "\"bias\": [", "\"bias\": [1e400,");
  EXPECT_THAT(error_of(text), HasSubstr("model file 'm.json': bias: a number beyond the range of a double"));
}

TEST(ModelFile, NoModelAtAllSaysHowToMakeOne) {
  RouterConfig config;
  config.name = "softmax_topk";
  config.num_experts = 2;
  try {
    SoftmaxTopkRouter router(config);
    FAIL() << "no error";
  } catch (const ConfigError& error) {
    EXPECT_THAT(error.what(), HasSubstr("routelab train --router softmax_topk"));
  }
}

TEST(ModelFile, UnreadableFileIsAnIoError) {
  RouterConfig config;
  config.name = "softmax_topk";
  config.num_experts = 2;
  config.params.set("model", "/nonexistent/model.json");
  EXPECT_THROW(SoftmaxTopkRouter{config}, IoError);
}

TEST(ModelFile, ReadsTheFileNamedByTheModelParameter) {
  const auto path = std::filesystem::temp_directory_path() / "routelab-model-file-test.json";
  std::ofstream(path) << valid_model();
  RouterConfig config;
  config.name = "softmax_topk";
  config.num_experts = 2;
  config.params.set("model", path.string());
  EXPECT_NO_THROW(SoftmaxTopkRouter{config});
  std::ofstream(path) << "garbage";
  try {
    SoftmaxTopkRouter router(config);
    FAIL() << "no error";
  } catch (const ConfigError& error) {
    EXPECT_THAT(error.what(), HasSubstr("model file '" + path.string() + "'"));
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace routelab
