package com.tokyoia.web.interfaces.rest.dto;

import com.tokyoia.persistence.domain.paging.Page;
import java.util.List;

/** A page of a list; pass nextCursor back as ?cursor= for the next page (null on the last). */
public record PageResponse<T>(List<T> items, String nextCursor) {
    public static <T> PageResponse<T> of(Page<T> page) {
        return new PageResponse<>(page.items(), page.next() == null ? null : page.next().encode());
    }
}
