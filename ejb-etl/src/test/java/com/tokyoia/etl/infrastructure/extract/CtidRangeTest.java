package com.tokyoia.etl.infrastructure.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CtidRangeTest {
    @Test
    void rangesCoverEveryPageOnceWithOpenEnds() {
        assertThat(CtidRange.split(10, 3, 1)).containsExactly(new CtidRange(-1, 3), new CtidRange(3, 6), new CtidRange(6, -1));
        assertThat(CtidRange.split(10, 3, 1).get(1).predicate()).isEqualTo(" AND ctid >= '(3,0)'::tid AND ctid < '(6,0)'::tid");
        assertThat(CtidRange.WHOLE.predicate()).isEmpty();
    }

    @Test
    void smallRelationsAreNotSplitBelowTheMinimum() {
        assertThat(CtidRange.split(0, 4, 1024)).containsExactly(CtidRange.WHOLE);
        assertThat(CtidRange.split(2_047, 4, 1024)).containsExactly(CtidRange.WHOLE);
        assertThat(CtidRange.split(2_048, 4, 1024)).containsExactly(new CtidRange(-1, 1024), new CtidRange(1024, -1));
        assertThat(CtidRange.split(1_000_000, 4, 1024)).hasSize(4);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> CtidRange.split(10, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(CtidRange.split(3, 3, 1).get(2))).containsExactly(new CtidRange(2, -1));
    }
}
