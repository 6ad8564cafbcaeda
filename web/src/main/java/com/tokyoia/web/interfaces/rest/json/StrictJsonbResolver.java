package com.tokyoia.web.interfaces.rest.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The JSON-B the API reads bodies with: the default binding, but scalars only in their own JSON
 * type, and no property the request does not have. A misspelt {@code "form"} would otherwise be
 * dropped and the request run with its defaults, which is not what the client meant.
 */
@Provider
public class StrictJsonbResolver implements ContextResolver<Jsonb> {
    /** Yasson's switch (org.eclipse.yasson.YassonConfig#FAIL_ON_UNKNOWN_PROPERTIES), named here to need no compile dependency. */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";
    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withDeserializers(StrictScalars.all())
            .setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
