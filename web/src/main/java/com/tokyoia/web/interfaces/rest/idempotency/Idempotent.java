package com.tokyoia.web.interfaces.rest.idempotency;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write a client may retry with the same {@code Idempotency-Key} header and have stored once
 * (IdempotencyInterceptor). The method must also be {@code @Transactional}, so the key and the write
 * commit together, and return a {@code Response}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Idempotent {
}
