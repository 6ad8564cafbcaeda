package com.tokyoia.etl.infrastructure.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.testing.MockedAws;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The Glue publisher at the HTTP level. No Glue emulator can run here, so WireMock answers with
 * responses shaped as the AWS Glue API reference documents them (JSON 1.1 protocol, X-Amz-Target
 * operations, __type error codes); the real AWS SDK builds and sends every request.
 */
class GlueCatalogPublisherMockedHttpTest {
    private static final String JSON = "application/x-amz-json-1.1";
    private WireMockServer glue;
    private GlueClient client;

    @BeforeEach
    void start() {
        glue = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        glue.start();
        client = MockedAws.client(GlueClient.builder(), glue.port());
    }

    @AfterEach
    void stop() {
        client.close();
        glue.stop();
    }

    private void answer(String operation, int status, String body) {
        glue.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue." + operation))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(body)));
    }

    private static String notFound(String what) {
        return "{\"__type\":\"EntityNotFoundException\",\"Message\":\"" + what + " not found.\"}";
    }

    @Test
    void createsDatabaseAndTableFromTheRegistryThenRegistersTheVersionFolderAndMovesItForANewVersion() {
        answer("GetDatabase", 400, notFound("Database tokyoia_lake"));
        answer("CreateDatabase", 200, "{}");
        answer("GetTable", 400, notFound("Table agent_tasks"));
        answer("CreateTable", 200, "{}");
        answer("BatchCreatePartition", 200, "{\"Errors\":[]}");
        GlueCatalogPublisher publisher = new GlueCatalogPublisher(client, "tokyoia_lake", "s3://lake-bucket/prod");
        publisher.publish(LakeSchemaRegistry.AGENT_TASKS, LocalDate.of(2025, 2, 10),
                "s3://lake-bucket/prod/agent_tasks/year=2025/month=02/day=10/v=0001/");

        glue.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue.CreateDatabase"))
                .withRequestBody(containing("\"Name\":\"tokyoia_lake\"")));
        glue.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue.CreateTable"))
                .withRequestBody(containing("\"Name\":\"agent_tasks\""))
                .withRequestBody(containing("{\"Name\":\"cost_usd\",\"Type\":\"decimal(14,6)\"}"))
                .withRequestBody(containing("{\"Name\":\"created_at\",\"Type\":\"timestamp\"}"))
                .withRequestBody(containing("{\"Name\":\"tokens_input\",\"Type\":\"int\"}"))
                .withRequestBody(containing("\"PartitionKeys\":[{\"Name\":\"year\",\"Type\":\"string\"},"
                        + "{\"Name\":\"month\",\"Type\":\"string\"},{\"Name\":\"day\",\"Type\":\"string\"}]"))
                .withRequestBody(containing("\"Location\":\"s3://lake-bucket/prod/agent_tasks/\""))
                .withRequestBody(containing("ParquetHiveSerDe")));
        glue.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue.BatchCreatePartition"))
                .withRequestBody(containing("\"Values\":[\"2025\",\"02\",\"10\"]"))
                .withRequestBody(containing("\"Location\":\"s3://lake-bucket/prod/agent_tasks/year=2025/month=02/day=10/v=0001/\"")));

        // Publishing the same version again: Glue says AlreadyExists, the partition already points there: nothing else.
        glue.resetRequests();
        String v1 = "s3://lake-bucket/prod/agent_tasks/year=2025/month=02/day=10/v=0001/";
        String v2 = "s3://lake-bucket/prod/agent_tasks/year=2025/month=02/day=10/v=0002/";
        answer("BatchCreatePartition", 200, "{\"Errors\":[{\"PartitionValues\":[\"2025\",\"02\",\"10\"],"
                + "\"ErrorDetail\":{\"ErrorCode\":\"AlreadyExistsException\",\"ErrorMessage\":\"Partition already exists.\"}}]}");
        answer("GetPartition", 200, "{\"Partition\":{\"Values\":[\"2025\",\"02\",\"10\"],\"DatabaseName\":\"tokyoia_lake\","
                + "\"TableName\":\"agent_tasks\",\"StorageDescriptor\":{\"Location\":\"" + v1 + "\"}}}");
        publisher.publish(LakeSchemaRegistry.AGENT_TASKS, LocalDate.of(2025, 2, 10), v1);
        glue.verify(exactly(0), postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue.UpdatePartition")));

        // A new version: the existing partition is moved to its folder in one UpdatePartition.
        answer("UpdatePartition", 200, "{}");
        publisher.publish(LakeSchemaRegistry.AGENT_TASKS, LocalDate.of(2025, 2, 10), v2);
        glue.verify(exactly(1), postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue.UpdatePartition"))
                .withRequestBody(containing("\"PartitionValueList\":[\"2025\",\"02\",\"10\"]"))
                .withRequestBody(containing("\"Location\":\"" + v2 + "\"")));
    }

    @Test
    void refusesATableWhoseColumnsDriftedFromTheRegistry() {
        answer("GetDatabase", 200, "{\"Database\":{\"Name\":\"tokyoia_lake\"}}");
        answer("GetTable", 200, "{\"Table\":{\"Name\":\"agent_tasks\",\"DatabaseName\":\"tokyoia_lake\","
                + "\"StorageDescriptor\":{\"Columns\":[{\"Name\":\"id\",\"Type\":\"string\"},{\"Name\":\"cost_usd\",\"Type\":\"double\"}],"
                + "\"Location\":\"s3://lake-bucket/prod/agent_tasks/\"},\"PartitionKeys\":[]}}");
        GlueCatalogPublisher publisher = new GlueCatalogPublisher(client, "tokyoia_lake", "s3://lake-bucket/prod");
        assertThatThrownBy(() -> publisher.publish(LakeSchemaRegistry.AGENT_TASKS, LocalDate.of(2025, 2, 10), "s3://x/"))
                .hasMessageContaining("schema drift").hasMessageContaining("cost_usd double");
        glue.verify(exactly(0), postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue.BatchCreatePartition")));
    }

    @Test
    void otherPartitionErrorsFailLoudly() {
        answer("GetDatabase", 200, "{\"Database\":{\"Name\":\"tokyoia_lake\"}}");
        answer("GetTable", 400, notFound("Table workflows"));
        answer("CreateTable", 200, "{}");
        answer("BatchCreatePartition", 200, "{\"Errors\":[{\"PartitionValues\":[\"2025\",\"02\",\"10\"],"
                + "\"ErrorDetail\":{\"ErrorCode\":\"InternalServiceException\",\"ErrorMessage\":\"Try later.\"}}]}");
        GlueCatalogPublisher publisher = new GlueCatalogPublisher(client, "tokyoia_lake", "s3://lake-bucket/prod");
        assertThatThrownBy(() -> publisher.publish(LakeSchemaRegistry.WORKFLOWS, LocalDate.of(2025, 2, 10), "s3://x/"))
                .hasMessageContaining("InternalServiceException");
    }
}
