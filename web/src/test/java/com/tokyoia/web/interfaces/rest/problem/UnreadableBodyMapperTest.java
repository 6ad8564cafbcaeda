package com.tokyoia.web.interfaces.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.tokyoia.web.interfaces.rest.dto.SessionRequest;
import com.tokyoia.web.interfaces.rest.dto.TaskOutcomeRequest;
import com.tokyoia.web.interfaces.rest.json.StrictJsonbResolver;
import jakarta.json.bind.Jsonb;
import org.junit.jupiter.api.Test;

/** The field named in a refusal comes from the binder's own messages: read real ones. */
class UnreadableBodyMapperTest {
    private final Jsonb jsonb = new StrictJsonbResolver().getContext(Object.class);

    @Test
    void namesTheUnknownProperty() {
        Throwable error = catchThrowable(() -> jsonb.fromJson("{\"userId\":\"u\",\"clinet\":\"c\"}", SessionRequest.class));
        assertThat(UnreadableBodyMapper.unknownPropertyIn(error)).isEqualTo("clinet");
    }

    @Test
    void namesThePropertyWithTheWrongType() {
        Throwable error = catchThrowable(() -> jsonb.fromJson("{\"tokensInput\":3.5}", TaskOutcomeRequest.class));
        assertThat(UnreadableBodyMapper.unknownPropertyIn(error)).isNull();
        assertThat(UnreadableBodyMapper.propertyIn(error)).isEqualTo("tokensInput");
    }
}
