package com.tokyoia.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS call the tests make, as the IAM action it needs and the resource it acts on,
 * so the Terraform checks can evaluate the IAM policies against what the application really does
 * (infrastructure/test: the policy test). Registered for every SDK client of a test JVM through
 * software/amazon/awssdk/global/handlers/execution.interceptors; it records only when the system
 * property tokyoia.aws-calls.file names a file, with the role tokyoia.aws-calls.role (etl or
 * analytics). Lines: role, action, resource ARN (REGION and ACCOUNT as placeholders), tab-separated.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
    private static final Map<String, String> WORK_GROUPS = new ConcurrentHashMap<>();
    /** The first write of a test JVM starts the file anew: calls of an earlier run (older code) must not count. */
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String file = System.getProperty("tokyoia.aws-calls.file");
        if (file == null || file.isBlank()) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        List<String[]> calls = calls(service, operation, context.request());
        String role = System.getProperty("tokyoia.aws-calls.role", "unknown");
        StringBuilder lines = new StringBuilder();
        for (String[] call : calls) {
            lines.append(role).append('\t').append(call[0]).append('\t').append(call[1]).append('\n');
        }
        append(Path.of(file), lines.toString());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        // Athena's Get/Stop calls name only the query id: remember which workgroup started it.
        if ("StartQueryExecution".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            Optional<String> id = context.response().getValueForField("QueryExecutionId", String.class);
            Optional<String> group = context.request().getValueForField("WorkGroup", String.class);
            if (id.isPresent() && group.isPresent()) {
                WORK_GROUPS.put(id.get(), group.get());
            }
        }
    }

    static List<String[]> calls(String service, String operation, SdkRequest request) {
        List<String[]> calls = new ArrayList<>();
        switch (service) {
            case "S3" -> s3(operation, request, calls);
            case "Glue" -> glue(operation, request, calls);
            case "Athena" -> {
                String group = field(request, "WorkGroup").orElseGet(() -> field(request, "QueryExecutionId")
                        .map(WORK_GROUPS::get).orElse("primary"));
                calls.add(new String[]{"athena:" + operation, "arn:aws:athena:REGION:ACCOUNT:workgroup/" + group});
            }
            default -> calls.add(new String[]{service.toLowerCase() + ":" + operation, "*"});
        }
        return calls;
    }

    private static void s3(String operation, SdkRequest request, List<String[]> calls) {
        String bucket = field(request, "Bucket").orElse(null);
        String object = "arn:aws:s3:::" + bucket + "/" + field(request, "Key").orElse("");
        boolean version = field(request, "VersionId").isPresent();
        switch (operation) {
            case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" -> calls.add(new String[]{"s3:PutObject", object});
            case "HeadObject", "GetObject" -> calls.add(new String[]{version ? "s3:GetObjectVersion" : "s3:GetObject", object});
            case "DeleteObject" -> calls.add(new String[]{version ? "s3:DeleteObjectVersion" : "s3:DeleteObject", object});
            case "AbortMultipartUpload" -> calls.add(new String[]{"s3:AbortMultipartUpload", object});
            case "RestoreObject" -> calls.add(new String[]{"s3:RestoreObject", object});
            case "ListObjectsV2", "ListObjects" -> calls.add(new String[]{"s3:ListBucket", "arn:aws:s3:::" + bucket});
            case "ListObjectVersions" -> calls.add(new String[]{"s3:ListBucketVersions", "arn:aws:s3:::" + bucket});
            case "CopyObject" -> {
                calls.add(new String[]{"s3:PutObject", "arn:aws:s3:::" + field(request, "DestinationBucket").orElse("") + "/"
                        + field(request, "DestinationKey").orElse("")});
                calls.add(new String[]{field(request, "SourceVersionId").isPresent() ? "s3:GetObjectVersion" : "s3:GetObject",
                        "arn:aws:s3:::" + field(request, "SourceBucket").orElse("") + "/" + field(request, "SourceKey").orElse("")});
            }
            default -> calls.add(new String[]{"s3:" + operation, "arn:aws:s3:::" + bucket});
        }
    }

    private static void glue(String operation, SdkRequest request, List<String[]> calls) {
        String catalog = "arn:aws:glue:REGION:ACCOUNT:catalog";
        String database = field(request, "DatabaseName")
                .or(() -> "GetDatabase".equals(operation) ? field(request, "Name") : Optional.empty())
                .or(() -> nested(request, "DatabaseInput", "Name")).orElse("");
        Optional<String> table = field(request, "TableName")
                .or(() -> "GetTable".equals(operation) ? field(request, "Name") : Optional.empty())
                .or(() -> nested(request, "TableInput", "Name"));
        String action = "glue:" + operation;
        calls.add(new String[]{action, catalog});
        calls.add(new String[]{action, "arn:aws:glue:REGION:ACCOUNT:database/" + database});
        table.ifPresent(t -> calls.add(new String[]{action, "arn:aws:glue:REGION:ACCOUNT:table/" + database + "/" + t}));
    }

    private static Optional<String> field(SdkRequest request, String name) {
        try {
            return request.getValueForField(name, String.class).filter(v -> !v.isBlank());
        } catch (ClassCastException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> nested(SdkRequest request, String object, String name) {
        return request.getValueForField(object, SdkPojo.class).flatMap(pojo -> pojo.sdkFields().stream()
                .filter(f -> f.locationName().equals(name)).findFirst().map(f -> (String) f.getValueOrDefault(pojo)));
    }

    private static synchronized void append(Path file, String lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            StandardOpenOption mode = STARTED.compareAndSet(false, true) ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND;
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record an AWS call in " + file, e);
        }
    }
}
