package com.tokyoia.testing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API's OpenAPI document (the one the build writes) as a contract on every answer a test
 * receives: the status must be documented for the operation, the media type among its content,
 * and the body valid against its schema. Objects are checked closed (a field the document does not
 * name is a violation) and formats (uuid, date, date-time) are asserted, so that a client generated
 * from the document can read every answer the server gives. Paths outside the document (the
 * dashboard's files, health, metrics) and non-success answers to paths or methods it does not
 * name (the 404 of an unknown path, the 405 of a wrong method) are not the document's business.
 */
public final class ApiContract {
    private static final String DOCUMENT_URI = "https://contract.tokyoia.test/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{[^/}]+}");

    private final JsonNode document;
    private final List<PathTemplate> paths;
    private final SchemaRegistry schemas;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private record PathTemplate(String path, Pattern pattern, int literalSegments) {
    }

    private ApiContract(JsonNode document) {
        this.document = document;
        List<PathTemplate> templates = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(path -> templates.add(new PathTemplate(path,
                Pattern.compile(TEMPLATE_PARAMETER.matcher(Pattern.quote(path)).replaceAll("\\\\E[^/]+\\\\Q")),
                (int) Arrays.stream(path.split("/")).filter(s -> !s.startsWith("{")).count())));
        templates.sort(Comparator.comparingInt(PathTemplate::literalSegments).reversed());
        this.paths = List.copyOf(templates);
        String closed = closeObjects(document.deepCopy()).toString();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        this.schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(DOCUMENT_URI, closed)).schemaRegistryConfig(config));
    }

    /** The contract in the document at this path (the build's target/openapi/openapi.json of the web module). */
    public static ApiContract of(Path document) {
        try {
            return new ApiContract(JSON.readTree(Files.readString(document)));
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenAPI document " + document + " cannot be read", e);
        }
    }

    /** What is wrong with this answer to this request, if anything. */
    public Optional<String> violation(String method, URI uri, int status, String contentType, String body) {
        // JAX-RS matches a path with or without one trailing slash; so does the contract.
        String raw = uri.getRawPath();
        String path = raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        Optional<PathTemplate> template = paths.stream().filter(t -> t.pattern().matcher(path).matches()).findFirst();
        boolean success = status >= 200 && status < 300;
        if (template.isEmpty()) {
            return success && path.startsWith("/api/") ? Optional.of(method + " " + path + " answered " + status
                    + " but the document has no such path") : Optional.empty();
        }
        String operationName = method + " " + template.get().path();
        JsonNode operation = document.path("paths").path(template.get().path()).path(method.toLowerCase());
        if (operation.isMissingNode()) {
            return success ? Optional.of(operationName + " answered " + status + " but the document has no such operation")
                    : Optional.empty();
        }
        JsonNode responses = operation.path("responses");
        String key = responses.has(Integer.toString(status)) ? Integer.toString(status)
                : responses.has(status / 100 + "XX") ? status / 100 + "XX" : responses.has("default") ? "default" : null;
        if (key == null) {
            List<String> documented = new ArrayList<>();
            responses.fieldNames().forEachRemaining(documented::add);
            return Optional.of(operationName + " answered " + status + ", which it does not document (it documents "
                    + documented + "): " + abbreviated(body));
        }
        String responsePointer = "/paths/" + escape(template.get().path()) + "/" + method.toLowerCase() + "/responses/" + key;
        JsonNode response = responses.get(key);
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = document.at(responsePointer);
        }
        return bodyViolation(operationName + " " + status, response, responsePointer, contentType, body);
    }

    /**
     * What is wrong with the request examples the document gives, checked against their own
     * operation's request schema like an answer (objects closed, formats asserted); and every
     * operation that takes a body must give one.
     */
    public List<String> requestExampleViolations() {
        List<String> violations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            JsonNode content = operation.getValue().path("requestBody").path("content");
            if (!content.isObject()) {
                return;
            }
            String name = operation.getKey().toUpperCase() + " " + path.getKey();
            content.fields().forEachRemaining(media -> {
                if (!media.getValue().path("examples").isObject() || media.getValue().path("examples").isEmpty()) {
                    violations.add(name + " (" + media.getKey() + ") gives no request example");
                    return;
                }
                String pointer = "/paths/" + escape(path.getKey()) + "/" + operation.getKey() + "/requestBody/content/" + escape(media.getKey())
                        + "/schema";
                Schema schema = compiled.computeIfAbsent(pointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + p)));
                media.getValue().path("examples").fields().forEachRemaining(example -> {
                    List<Error> errors = schema.validate(example.getValue().path("value"));
                    if (!errors.isEmpty()) {
                        violations.add(name + " example " + example.getKey() + ": " + errors.stream().limit(5).map(Error::toString).toList());
                    }
                });
            });
        }));
        return violations;
    }

    private Optional<String> bodyViolation(String answer, JsonNode response, String pointer, String contentType, String body) {
        JsonNode content = response.path("content");
        boolean empty = body == null || body.isEmpty();
        if (!content.isObject() || content.isEmpty()) {
            return empty ? Optional.empty() : Optional.of(answer + " documents no body but has one: " + abbreviated(body));
        }
        if (empty) {
            return Optional.of(answer + " documents a body (" + content.fieldNames().next() + ") but has none");
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        String documented = null;
        for (Iterator<String> types = content.fieldNames(); types.hasNext();) {
            String type = types.next();
            if (type.equals(mediaType) || type.equals("*/*") || type.endsWith("/*") && mediaType.startsWith(type.substring(0, type.length() - 1))) {
                documented = type;
                break;
            }
        }
        if (documented == null) {
            List<String> types = new ArrayList<>();
            content.fieldNames().forEachRemaining(types::add);
            return Optional.of(answer + " came as " + mediaType + ", which it does not document (it documents " + types + ")");
        }
        if (!content.path(documented).has("schema") || !(mediaType.endsWith("/json") || mediaType.endsWith("+json"))) {
            return Optional.empty();
        }
        String schemaPointer = pointer + "/content/" + escape(documented) + "/schema";
        Schema schema = compiled.computeIfAbsent(schemaPointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + p)));
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        return errors.isEmpty() ? Optional.empty() : Optional.of(answer + " does not match its schema: "
                + errors.stream().limit(5).map(Error::toString).toList() + " in " + abbreviated(body));
    }

    /**
     * Every object schema that names its properties and says nothing of others is closed: the
     * server may not add a field the document does not name (a generated client would drop it or,
     * strict, fail).
     */
    private static JsonNode closeObjects(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("properties") && object.get("properties").isObject() && !object.has("additionalProperties")
                    && !object.has("unevaluatedProperties")) {
                object.put("additionalProperties", false);
            }
            object.forEach(ApiContract::closeObjects);
        } else if (node.isArray()) {
            node.forEach(ApiContract::closeObjects);
        }
        return node;
    }

    private static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviated(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 400 ? body : body.substring(0, 400) + "...";
    }
}
