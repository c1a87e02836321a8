using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat.Gemini;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;

namespace NexLLM.Connectors.Tests.Chat.Gemini;

/// <summary>
/// JSON schema to the OpenAPI subset Gemini's <c>parameters</c> and <c>responseSchema</c> accept (docs/protocols/gemini.md, Schema):
/// upper-case types, <c>nullable</c>, inlined references, string enums, and the keywords Gemini rejects left out.
/// </summary>
public sealed class GeminiSchemaTests
{
    private static string Convert(string schema) => GeminiSchema.Convert(JsonElementOf(schema)).GetRawText();

    public sealed class Types
    {
        [Theory]
        [InlineData("""{"type":"string"}""", """{"type":"STRING"}""")]
        [InlineData("""{"type":"integer"}""", """{"type":"INTEGER"}""")]
        [InlineData("""{"type":"number"}""", """{"type":"NUMBER"}""")]
        [InlineData("""{"type":"boolean"}""", """{"type":"BOOLEAN"}""")]
        [InlineData("""{"type":"array","items":{"type":"string"}}""", """{"type":"ARRAY","items":{"type":"STRING"}}""")]
        [InlineData("""{"type":"object","properties":{"a":{"type":"string"}}}""", """{"type":"OBJECT","properties":{"a":{"type":"STRING"}}}""")]
        [InlineData("""{"properties":{"a":{"type":"string"}}}""", """{"type":"OBJECT","properties":{"a":{"type":"STRING"}}}""")]
        [InlineData("""{}""", """{}""")]
        [InlineData("""true""", """{}""")]
        public void Types_are_upper_case_and_an_object_is_inferred_from_properties(string schema, string expected)
        {
            Assert.Equal(expected, Convert(schema));
        }

        [Theory]
        [InlineData("""{"type":["string","null"]}""", """{"type":"STRING","nullable":true}""")]
        [InlineData("""{"type":["null","integer"]}""", """{"type":"INTEGER","nullable":true}""")]
        [InlineData("""{"type":"string","nullable":true}""", """{"type":"STRING","nullable":true}""")]
        [InlineData("""{"anyOf":[{"type":"string"},{"type":"null"}]}""", """{"type":"STRING","nullable":true}""")]
        [InlineData("""{"oneOf":[{"type":"null"},{"type":"number"}]}""", """{"type":"NUMBER","nullable":true}""")]
        public void Null_in_a_type_array_or_a_union_is_nullable(string schema, string expected)
        {
            Assert.Equal(expected, Convert(schema));
        }

        [Fact]
        public void A_nullable_union_keeps_the_keywords_of_its_one_schema_and_its_own_description()
        {
            string schema = """{"description":"Where","anyOf":[{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},{"type":"null"}]}""";

            Assert.Equal(
                """{"type":"OBJECT","nullable":true,"properties":{"city":{"type":"STRING"}},"required":["city"],"description":"Where"}""",
                Convert(schema));
        }

        [Fact]
        public void A_union_of_several_schemas_is_anyOf_of_each_converted_and_stays_nullable()
        {
            Assert.Equal(
                """{"nullable":true,"anyOf":[{"type":"STRING"},{"type":"INTEGER"}]}""",
                Convert("""{"anyOf":[{"type":"string"},{"type":"integer"},{"type":"null"}]}"""));
        }
    }

    public sealed class Keywords
    {
        [Fact]
        public void Schema_and_additionalProperties_and_unknown_keywords_are_dropped_and_known_ones_kept()
        {
            string schema = """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"T","description":"D","type":"object","additionalProperties":false,
                 "minProperties":1,"maxProperties":3,"propertyOrdering":["n"],"examples":[{}],"$comment":"x",
                 "properties":{"n":{"type":"integer","minimum":1,"maximum":9,"default":3,"format":"int64","multipleOf":2}}}
                """;

            Assert.Equal(
                """{"type":"OBJECT","title":"T","description":"D","minProperties":1,"maxProperties":3,"propertyOrdering":["n"],"properties":{"n":{"type":"INTEGER","minimum":1,"maximum":9,"default":3,"format":"int64"}}}""",
                Convert(schema));
        }

        [Theory]
        [InlineData("""{"type":"string","format":"date-time"}""", """{"type":"STRING","format":"date-time"}""")]
        [InlineData("""{"type":"string","format":"uri"}""", """{"type":"STRING"}""")]
        [InlineData("""{"type":"string","format":"email","minLength":3,"maxLength":9,"pattern":"^a"}""", """{"type":"STRING","minLength":3,"maxLength":9,"pattern":"^a"}""")]
        [InlineData("""{"type":"number","format":"double"}""", """{"type":"NUMBER","format":"double"}""")]
        [InlineData("""{"type":"integer","format":"int32"}""", """{"type":"INTEGER","format":"int32"}""")]
        [InlineData("""{"type":"integer","format":"date-time"}""", """{"type":"INTEGER"}""")]
        public void Only_the_formats_Gemini_knows_for_the_type_are_kept(string schema, string expected)
        {
            Assert.Equal(expected, Convert(schema));
        }

        [Theory]
        [InlineData("""{"type":"string","enum":["a","b"]}""", """{"type":"STRING","enum":["a","b"],"format":"enum"}""")]
        [InlineData("""{"type":["string","null"],"enum":["a",null]}""", """{"type":"STRING","nullable":true,"enum":["a"],"format":"enum"}""")]
        [InlineData("""{"type":"string","const":"only"}""", """{"type":"STRING","enum":["only"],"format":"enum"}""")]
        [InlineData("""{"type":"integer","enum":[1,2]}""", """{"type":"INTEGER"}""")]
        [InlineData("""{"type":"integer","const":1}""", """{"type":"INTEGER"}""")]
        public void Enums_and_const_become_string_enums_with_format_enum_and_are_dropped_on_other_types(string schema, string expected)
        {
            Assert.Equal(expected, Convert(schema));
        }

        [Fact]
        public void Required_keeps_only_names_of_declared_properties()
        {
            Assert.Equal(
                """{"type":"OBJECT","properties":{"a":{"type":"STRING"}},"required":["a"]}""",
                Convert("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a","ghost"]}"""));
        }

        [Fact]
        public void Nested_objects_and_arrays_are_converted_all_the_way_down()
        {
            string schema = """
                {"type":"object","properties":{"trips":{"type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,
                 "properties":{"to":{"type":["string","null"]},"legs":{"type":"array","items":{"type":"integer"}}},"required":["to"]}}}}
                """;

            Assert.Equal(
                """{"type":"OBJECT","properties":{"trips":{"type":"ARRAY","minItems":1,"items":{"type":"OBJECT","properties":{"to":{"type":"STRING","nullable":true},"legs":{"type":"ARRAY","items":{"type":"INTEGER"}}},"required":["to"]}}}}""",
                Convert(schema));
        }
    }

    public sealed class References
    {
        [Fact]
        public void Refs_to_defs_and_definitions_are_inlined_and_the_defs_left_out()
        {
            string schema = """
                {"type":"object","$defs":{"City":{"type":"string","description":"A city"}},"definitions":{"Day":{"type":"integer"}},
                 "properties":{"from":{"$ref":"#/$defs/City"},"to":{"$ref":"#/$defs/City"},"days":{"type":"array","items":{"$ref":"#/definitions/Day"}}}}
                """;

            Assert.Equal(
                """{"type":"OBJECT","properties":{"from":{"type":"STRING","description":"A city"},"to":{"type":"STRING","description":"A city"},"days":{"type":"ARRAY","items":{"type":"INTEGER"}}}}""",
                Convert(schema));
        }

        [Fact]
        public void A_ref_inside_a_nullable_union_is_inlined()
        {
            string schema = """{"$defs":{"P":{"type":"object","properties":{"x":{"type":"number"}}}},"type":"object","properties":{"p":{"anyOf":[{"$ref":"#/$defs/P"},{"type":"null"}]}}}""";

            Assert.Equal("""{"type":"OBJECT","properties":{"p":{"type":"OBJECT","nullable":true,"properties":{"x":{"type":"NUMBER"}}}}}""", Convert(schema));
        }

        [Fact]
        public void A_ref_with_escaped_characters_in_its_path_is_found()
        {
            Assert.Equal("""{"type":"OBJECT","properties":{"a":{"type":"BOOLEAN"}}}""", Convert("""{"$defs":{"a/b~c":{"type":"boolean"}},"properties":{"a":{"$ref":"#/$defs/a~1b~0c"}}}"""));
        }

        [Theory]
        [InlineData("""{"type":"object","properties":{"child":{"$ref":"#"}}}""")]
        [InlineData("""{"$ref":"#/$defs/Node","$defs":{"Node":{"type":"object","properties":{"next":{"$ref":"#/$defs/Node"}}}}}""")]
        [InlineData("""{"$ref":"#/$defs/A","$defs":{"A":{"$ref":"#/$defs/B"},"B":{"$ref":"#/$defs/A"}}}""")]
        public void A_schema_that_refers_to_itself_is_an_ArgumentException_saying_so(string schema)
        {
            var error = Assert.Throws<ArgumentException>(() => Convert(schema));

            Assert.Contains("refers to itself", error.Message, StringComparison.Ordinal);
            Assert.Contains("WithGeminiJsonSchema", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("""{"properties":{"a":{"$ref":"#/$defs/Missing"}}}""", "does not define")]
        [InlineData("""{"properties":{"a":{"$ref":"https://example.test/schema.json"}}}""", "only local references")]
        public void A_ref_that_cannot_be_inlined_is_an_ArgumentException_naming_it(string schema, string problem)
        {
            var error = Assert.Throws<ArgumentException>(() => Convert(schema));

            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }
    }

    public sealed class InRequests
    {
        [Fact]
        public async Task A_self_referencing_tool_schema_fails_the_call_before_anything_is_sent()
        {
            using var harness = new Harness();
            AIFunctionDeclaration tool = AIFunctionFactory.CreateDeclaration("tree", null, JsonElementOf("""{"type":"object","properties":{"child":{"$ref":"#"}}}"""));

            var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.AskGeminiAsync(new ChatOptions { Tools = [tool] }));

            Assert.Contains("refers to itself", error.Message, StringComparison.Ordinal);
            Assert.Empty(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_self_referencing_tool_schema_is_sent_raw_with_WithGeminiJsonSchema()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(GeminiCalls.OkBody));
            AIFunctionDeclaration tool = AIFunctionFactory.CreateDeclaration("tree", null, JsonElementOf("""{"type":"object","properties":{"child":{"$ref":"#"}}}"""));

            await harness.AskGeminiAsync(new ChatOptions { Tools = [tool] }.WithGeminiJsonSchema());

            Assert.Contains(
                """[{"name":"tree","parametersJsonSchema":{"type":"object","properties":{"child":{"$ref":"#"}}}}]""",
                harness.Handler.SingleRequest.BodyText,
                StringComparison.Ordinal);
        }

        [Fact]
        public async Task The_schema_M_E_AI_generates_for_a_typed_function_converts()
        {
            AIFunction function = AIFunctionFactory.Create((string city, int? days, Unit unit) => "ok", "forecast");

            string body = await GeminiCalls.SentGeminiBodyAsync(new ChatOptions { Tools = [function] });

            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement parameters = document.RootElement.GetProperty("tools")[0].GetProperty("functionDeclarations")[0].GetProperty("parameters");
            Assert.Equal(
                """{"type":"OBJECT","properties":{"city":{"type":"STRING"},"days":{"type":"INTEGER","nullable":true},"unit":{"type":"STRING","enum":["Celsius","Fahrenheit"],"format":"enum"}},"required":["city","days","unit"]}""",
                parameters.GetRawText());
        }

        public enum Unit
        {
            Celsius,
            Fahrenheit,
        }
    }
}
