package com.tokyoia.web.application;

/** A read result and whether it came from the cache (the API reports it in X-Cache). */
public record Cached<T>(T value, boolean hit) {
}
