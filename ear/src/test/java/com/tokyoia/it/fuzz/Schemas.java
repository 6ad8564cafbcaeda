package com.tokyoia.it.fuzz;

import com.tokyoia.platform.time.SystemTime;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request-body schemas of the OpenAPI document: a valid example of each, the paths of its
 * fields, and whether a value is valid by the schema alone. The fuzz suite expects the service to
 * refuse every value its own document calls invalid.
 */
public final class Schemas {
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal DOUBLE_MAX = new BigDecimal(Double.MAX_VALUE);

    private final JsonObject components;
    private final Map<String, String> examples;

    /** {@code examples}: valid values for fields by name (ids of rows that exist, for example). */
    public Schemas(JsonObject document, Map<String, String> examples) {
        JsonObject c = document.getJsonObject("components");
        this.components = c == null || !c.containsKey("schemas") ? JsonValue.EMPTY_JSON_OBJECT : c.getJsonObject("schemas");
        this.examples = examples;
    }

    public JsonObject resolve(JsonObject schema) {
        JsonObject current = schema;
        for (int i = 0; i < 10 && current.containsKey("$ref"); i++) {
            String ref = current.getString("$ref");
            current = components.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (current.containsKey("allOf") && current.getJsonArray("allOf").size() == 1) {
            return resolve(current.getJsonArray("allOf").getJsonObject(0));
        }
        return current;
    }

    private static Set<String> types(JsonObject schema) {
        JsonValue type = schema.get("type");
        if (type == null) {
            return Set.of();
        }
        if (type instanceof JsonString s) {
            return Set.of(s.getString());
        }
        return Set.copyOf(((JsonArray) type).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }

    /** A valid value for the schema (the field's name picks known ids and days). */
    public JsonValue example(JsonObject raw, String name) {
        JsonObject schema = resolve(raw);
        Set<String> types = types(schema);
        if (schema.containsKey("enum")) {
            return schema.getJsonArray("enum").get(0);
        }
        if (types.contains("object") || schema.containsKey("properties")) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            JsonObject properties = schema.getJsonObject("properties");
            if (properties != null) {
                properties.forEach((key, value) -> object.add(key, example(value.asJsonObject(), key)));
            }
            return object.build();
        }
        if (types.contains("array")) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            array.add(example(schema.getJsonObject("items"), name));
            return array.build();
        }
        if (types.contains("integer")) {
            return Json.createValue(1);
        }
        if (types.contains("number")) {
            return Json.createValue(1.5);
        }
        if (types.contains("boolean")) {
            return JsonValue.TRUE;
        }
        String format = schema.getString("format", "");
        if (examples.containsKey(name)) {
            return Json.createValue(examples.get(name));
        }
        return switch (format) {
            case "uuid" -> Json.createValue(UUID.randomUUID().toString());
            case "date" -> Json.createValue("2019-01-02");
            case "date-time" -> Json.createValue(SystemTime.clock().instant().minusSeconds(3600).toString());
            default -> Json.createValue("fuzz");
        };
    }

    /** Whether {@code value} is valid for the schema, by the document alone ({@code null} means absent). */
    public boolean valid(JsonValue value, JsonObject raw) {
        JsonObject schema = resolve(raw);
        Set<String> types = types(schema);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return true; // required-ness is the parent's business
        }
        if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
            return false;
        }
        return switch (value.getValueType()) {
            case STRING -> (types.isEmpty() || types.contains("string")) && validString(((JsonString) value).getString(), schema);
            case NUMBER -> validNumber((JsonNumber) value, schema, types);
            case TRUE, FALSE -> types.contains("boolean");
            case ARRAY -> types.contains("array") && validArray(value.asJsonArray(), schema);
            case OBJECT -> (types.contains("object") || schema.containsKey("properties")) && validObject(value.asJsonObject(), schema);
            default -> false;
        };
    }

    private boolean validObject(JsonObject object, JsonObject schema) {
        JsonArray required = schema.getJsonArray("required");
        if (required != null) {
            for (JsonString name : required.getValuesAs(JsonString.class)) {
                JsonValue v = object.get(name.getString());
                if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
                    return false;
                }
            }
        }
        JsonObject properties = schema.getJsonObject("properties");
        if (properties == null) {
            return true;
        }
        for (Map.Entry<String, JsonValue> p : properties.entrySet()) {
            if (!valid(object.get(p.getKey()), p.getValue().asJsonObject())) {
                return false;
            }
        }
        return true;
    }

    private boolean validArray(JsonArray array, JsonObject schema) {
        if (array.size() < schema.getInt("minItems", 0) || array.size() > schema.getInt("maxItems", Integer.MAX_VALUE)) {
            return false;
        }
        JsonObject items = schema.getJsonObject("items");
        for (JsonValue item : array) {
            if (item.getValueType() == JsonValue.ValueType.NULL || (items != null && !valid(item, items))) {
                return false;
            }
        }
        return true;
    }

    private static boolean validString(String text, JsonObject schema) {
        int length = text.codePointCount(0, text.length());
        if (length < schema.getInt("minLength", 0) || length > schema.getInt("maxLength", Integer.MAX_VALUE)) {
            return false;
        }
        if (schema.containsKey("pattern") && !Pattern.compile(schema.getString("pattern")).matcher(text).find()) {
            return false;
        }
        if (text.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
            return false; // a lone surrogate: not Unicode text
        }
        try {
            switch (schema.getString("format", "")) {
                case "uuid" -> {
                    return text.length() == 36 && UUID.fromString(text).toString().equalsIgnoreCase(text);
                }
                case "date" -> LocalDate.parse(text);
                case "date-time" -> Instant.parse(text);
                default -> {
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return false;
        }
        return true;
    }

    private static boolean validNumber(JsonNumber number, JsonObject schema, Set<String> types) {
        BigDecimal value = number.bigDecimalValue();
        if (types.contains("integer")) {
            boolean integral = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
            String format = schema.getString("format", "int64");
            BigDecimal min = format.equals("int32") ? INT_MIN : LONG_MIN;
            BigDecimal max = format.equals("int32") ? INT_MAX : LONG_MAX;
            if (!integral || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                return false;
            }
        } else if (!types.contains("number")) {
            return false;
        } else if (value.abs().compareTo(DOUBLE_MAX) > 0) {
            return false;
        }
        if (schema.containsKey("minimum") && value.compareTo(schema.getJsonNumber("minimum").bigDecimalValue()) < 0) {
            return false;
        }
        return !schema.containsKey("maximum") || value.compareTo(schema.getJsonNumber("maximum").bigDecimalValue()) <= 0;
    }

    /** Every field path of the schema, depth first: ["points"], ["points", 0], ["points", 0, "name"], ... */
    public List<List<Object>> fieldPaths(JsonObject raw) {
        List<List<Object>> paths = new ArrayList<>();
        collect(resolve(raw), new ArrayList<>(), paths);
        return paths;
    }

    private void collect(JsonObject schema, List<Object> at, List<List<Object>> paths) {
        JsonObject properties = schema.getJsonObject("properties");
        if (properties != null) {
            properties.forEach((key, value) -> {
                List<Object> path = new ArrayList<>(at);
                path.add(key);
                paths.add(path);
                collect(resolve(value.asJsonObject()), path, paths);
            });
        }
        if (types(schema).contains("array") && schema.containsKey("items")) {
            List<Object> path = new ArrayList<>(at);
            path.add(0);
            paths.add(path);
            collect(resolve(schema.getJsonObject("items")), path, paths);
        }
    }

    /** A copy of {@code body} with the value at {@code path} replaced ({@code null} removes the field). */
    public static JsonValue with(JsonValue body, List<Object> path, JsonValue replacement) {
        if (path.isEmpty()) {
            return replacement;
        }
        Object step = path.get(0);
        List<Object> rest = path.subList(1, path.size());
        if (step instanceof Integer index) {
            JsonArray array = body.asJsonArray();
            JsonArrayBuilder copy = Json.createArrayBuilder();
            for (int i = 0; i < array.size(); i++) {
                if (i != index) {
                    copy.add(array.get(i));
                } else if (rest.isEmpty() && replacement == null) {
                    continue;
                } else {
                    copy.add(rest.isEmpty() ? replacement : with(array.get(i), rest, replacement));
                }
            }
            return copy.build();
        }
        JsonObject object = body.asJsonObject();
        JsonObjectBuilder copy = Json.createObjectBuilder(object);
        if (rest.isEmpty() && replacement == null) {
            copy.remove((String) step);
        } else {
            copy.add((String) step, rest.isEmpty() ? replacement : with(object.get((String) step), rest, replacement));
        }
        return copy.build();
    }
}
