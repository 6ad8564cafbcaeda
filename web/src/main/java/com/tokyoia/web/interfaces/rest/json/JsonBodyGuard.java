package com.tokyoia.web.interfaces.rest.json;

import com.tokyoia.web.application.InvalidInputException;
import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Walks every JSON body once with the streaming parser before JSON-B binds it, refusing a body
 * that is not strict UTF-8, is not well-formed, nests deeper than {@value #MAX_DEPTH} levels, or
 * holds a lone surrogate ({@code "\ud800"}: not Unicode text; PostgreSQL would store a "?"). JSON-B skips unknown
 * properties with Parsson's {@code skipObject}, which spins forever on a truncated body such as
 * {@code {"a":{}} (eclipse-ee4j/parsson#23): seven bytes could hold a worker thread at full CPU.
 * The body is already bounded by the body size filter, so buffering it costs at most that. The
 * SHA-256 of the bytes is left in the request's {@value #BODY_SHA256} property: the Idempotency-Key
 * check compares a retry with its first attempt by it, instead of serializing the bound body again.
 */
@Provider
public class JsonBodyGuard implements ReaderInterceptor {
    static final int MAX_DEPTH = 32;
    public static final String BODY_SHA256 = "com.tokyoia.body-sha256";
    /** Looked up once: {@code Json.createParser} runs a ServiceLoader lookup on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!isJson(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        if (body.length > 0) {
            check(body);
        }
        context.setProperty(BODY_SHA256, sha256(body));
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static void check(byte[] body) {
        int depth = 0;
        try (JsonParser parser = JSON.createParser(new StringReader(strictUtf8(body)))) {
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case KEY_NAME, VALUE_STRING -> {
                        if (hasLoneSurrogate(parser.getString())) {
                            throw new InvalidInputException("body", "holds a lone surrogate (" + parser.getLocation() + ")");
                        }
                    }
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw new InvalidInputException("body", "nests deeper than " + MAX_DEPTH + " levels");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> {
                    }
                }
            }
            if (depth != 0) {
                throw new InvalidInputException("body", "is not well-formed JSON (it ends inside an object or array)");
            }
        } catch (JsonException e) {
            throw new InvalidInputException("body", "is not well-formed JSON (" + e.getMessage() + ")");
        }
    }

    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body", "is not UTF-8 text (RFC 8259 requires UTF-8)");
        }
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJson(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"));
    }
}
