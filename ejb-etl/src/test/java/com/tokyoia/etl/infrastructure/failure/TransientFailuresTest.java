package com.tokyoia.etl.infrastructure.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class TransientFailuresTest {

    private static S3Exception s3(int status) {
        return (S3Exception) S3Exception.builder().statusCode(status).message("status " + status).build();
    }

    @Test
    void serverErrorsThrottlingAndNetworkFailuresMayPass() {
        assertThat(TransientFailures.isTransient(s3(503))).isTrue();
        assertThat(TransientFailures.isTransient(s3(500))).isTrue();
        assertThat(TransientFailures.isTransient(s3(429))).isTrue();
        assertThat(TransientFailures.isTransient(new IOException("S3 503 writing k", s3(503)))).as("wrapped").isTrue();
        assertThat(TransientFailures.isTransient(SdkClientException.create("Unable to execute HTTP request"))).isTrue();
        assertThat(TransientFailures.isTransient(new ConnectException("Connection refused"))).isTrue();
        assertThat(TransientFailures.isTransient(new SocketTimeoutException("Read timed out"))).isTrue();
        assertThat(TransientFailures.isTransient(new IOException("Connection reset"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("terminating connection", "08006"))).isTrue();
        // PostgreSQL stopping or starting: the connection ends with SQLSTATE 57P01-03 (class 57), not 08, and the database comes back.
        assertThat(TransientFailures.isTransient(new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("terminating connection due to crash of another server process",
                "57P02"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("canceling statement due to user request", "57014"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("database dropped", "57P04"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("could not serialize", "40001"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
    }

    @Test
    void clientErrorsBadDataAndInterruptsDoNot() {
        assertThat(TransientFailures.isTransient(s3(403))).isFalse();
        assertThat(TransientFailures.isTransient(s3(404))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("no state"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("checksum differs"))).isFalse();
        assertThat(TransientFailures.isTransient(new IOException("disk full", new IllegalStateException()))).isFalse();
        // What FileOutputStream and FileChannel throw on ENOSPC: a bare IOException, which would otherwise read as a reset connection.
        assertThat(TransientFailures.isTransient(new IOException("No space left on device"))).isFalse();
        assertThat(TransientFailures.isTransient(new FileSystemException("/w/x.parquet", null, "No space left on device")))
                .isFalse();
        assertThat(TransientFailures.isTransient(new InterruptedIOException("stopping"))).isFalse();
    }
}
