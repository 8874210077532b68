// RFC 4180 reading: quoted commas, doubled quotes, line breaks inside quotes, CRLF, malformed rows.
#include <gtest/gtest.h>

#include <string>

#include "scenarios/traces/csv_reader.hpp"

namespace routelab {
namespace {

using Status = CsvReader::Status;

TEST(CsvReader, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  const std::string input("a,b\r\n\",\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\nlast,\n");
  CsvReader reader(input);
  std::vector<std::string> fields;
  ASSERT_EQ(reader.next(fields), Status::record);
  EXPECT_EQ(fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(reader.record_line(), 1);
  ASSERT_EQ(reader.next(fields), Status::record);
  EXPECT_EQ(fields, (std::vector<std::string>{",", "say \"hi\""}));
  EXPECT_EQ(reader.record_line(), 2);
  ASSERT_EQ(reader.next(fields), Status::record);
  EXPECT_EQ(fields, (std::vector<std::string>{"two\nlines", "x"}));
  EXPECT_EQ(reader.record_line(), 3);
  ASSERT_EQ(reader.next(fields), Status::record);
  EXPECT_EQ(fields, (std::vector<std::string>{"last", ""}));
  EXPECT_EQ(reader.record_line(), 5);
  EXPECT_EQ(reader.next(fields), Status::end);
}

TEST(CsvReader, TextAfterAClosingQuoteIsMalformedAndReadingGoesOn) {
  const std::string input("\"a\"b,c\nd,e\n");
  CsvReader reader(input);
  std::vector<std::string> fields;
  ASSERT_EQ(reader.next(fields), Status::malformed);
  EXPECT_EQ(reader.record_line(), 1);
  EXPECT_NE(reader.error().find("after a closing quote"), std::string::npos);
  ASSERT_EQ(reader.next(fields), Status::record);
  EXPECT_EQ(fields, (std::vector<std::string>{"d", "e"}));
  EXPECT_EQ(reader.record_line(), 2);
}

TEST(CsvReader, UnterminatedQuoteNamesWhereItOpened) {
  const std::string input("ok,1\n\"never closed,2\nmore\n");
  CsvReader reader(input);
  std::vector<std::string> fields;
  ASSERT_EQ(reader.next(fields), Status::record);
  ASSERT_EQ(reader.next(fields), Status::malformed);
  EXPECT_EQ(reader.record_line(), 2);
  EXPECT_NE(reader.error().find("opened on line 2"), std::string::npos);
  EXPECT_EQ(reader.next(fields), Status::end);
}

TEST(CsvReader, LastRecordWithoutNewline) {
  const std::string input("x,y");
  CsvReader reader(input);
  std::vector<std::string> fields;
  ASSERT_EQ(reader.next(fields), Status::record);
  EXPECT_EQ(fields, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(reader.next(fields), Status::end);
}

}  // namespace
}  // namespace routelab
