package app.poison.storage;

import app.poison.config.ConfigKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Images in an S3 bucket (path-style, so MinIO and other S3-compatible stores work). Reads are
 * redirects to presigned URLs: the bytes never pass through this process. The SDK client blocks,
 * so every call runs on a small named worker pool.
 */
final class S3ImageStore implements ImageStore {
  private static final Duration PRESIGNED_FOR = Duration.ofHours(1);
  private static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
  private final WorkerExecutor workers;
  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private boolean bucketChecked;

  S3ImageStore(Vertx vertx, JsonObject config) {
    URI endpoint = URI.create(config.getString(ConfigKeys.S3_ENDPOINT));
    Region region = Region.of(config.getString(ConfigKeys.S3_REGION, "us-east-1"));
    AwsCredentialsProvider credentials = credentials(config);
    this.bucket = config.getString(ConfigKeys.S3_BUCKET);
    this.workers = vertx.createSharedWorkerExecutor("poison-s3", 4);
    this.s3 = S3Client.builder()
        .endpointOverride(endpoint).region(region).credentialsProvider(credentials).forcePathStyle(true)
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)))
        .build();
    this.presigner = S3Presigner.builder()
        .endpointOverride(endpoint).region(region).credentialsProvider(credentials)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  @Override
  public Future<Void> put(String key, Buffer bytes) {
    return workers.executeBlocking(() -> {
      ensureBucket();
      s3.putObject(put -> put.bucket(bucket).key(key).contentType(ImageKeys.mediaType(key)).cacheControl(CACHE_CONTROL),
          RequestBody.fromBytes(bytes.getBytes()));
      return null;
    }, false);
  }

  @Override
  public Future<StoredImage> get(String key) {
    return workers.executeBlocking(() -> StoredImage.redirect(presigner.presignGetObject(presign -> presign
        .signatureDuration(PRESIGNED_FOR)
        .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toString()), false);
  }

  @Override
  public Future<Void> close() {
    presigner.close();
    s3.close();
    return workers.close();
  }

  /** Creates the bucket on first use when it is missing (a fresh MinIO, a test server). */
  private synchronized void ensureBucket() {
    if (bucketChecked) {
      return;
    }
    try {
      s3.headBucket(head -> head.bucket(bucket));
    } catch (NoSuchBucketException e) {
      s3.createBucket(create -> create.bucket(bucket));
    }
    bucketChecked = true;
  }

  private static AwsCredentialsProvider credentials(JsonObject config) {
    String accessKey = config.getString(ConfigKeys.S3_ACCESS_KEY);
    String secretKey = config.getString(ConfigKeys.S3_SECRET_KEY);
    return accessKey == null || secretKey == null
        ? DefaultCredentialsProvider.create()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
  }
}
