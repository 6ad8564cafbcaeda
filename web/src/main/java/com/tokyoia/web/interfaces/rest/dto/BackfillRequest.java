package com.tokyoia.web.interfaces.rest.dto;

/** Body of POST /api/etl/backfill: days [from, to] inclusive (YYYY-MM-DD), optional comma list of tables. */
public record BackfillRequest(String from, String to, String tables) {
}
