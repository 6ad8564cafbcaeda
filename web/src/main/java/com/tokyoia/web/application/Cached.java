package com.tokyoia.web.application;

/**
 * A read view as the JSON the API answers with ({@code T} is the view it encodes), and whether it
 * came from the cache (the API reports it in X-Cache). A hit is the stored JSON itself: decoding it
 * only to encode it again was a tenth of a cached read's CPU.
 */
public record Cached<T>(String json, boolean hit) {
}
