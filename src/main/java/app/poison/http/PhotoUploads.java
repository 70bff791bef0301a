package app.poison.http;

import app.poison.identify.Jobs;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code image} parts of a multipart upload into memory as they stream in, enforcing
 * the field name, the photo count and the per-photo size while reading: nothing touches the disk,
 * and a refused upload is answered, and stops being buffered, at the first byte over a limit.
 */
final class PhotoUploads {
  static final String FIELD = "image";
  private final HttpServerRequest request;
  private final long maxBytesPerPhoto;
  private final List<Buffer> photos = new ArrayList<>();
  private final Promise<List<byte[]>> result = Promise.promise();
  private ServiceException refusal;

  private PhotoUploads(HttpServerRequest request, long maxBytesPerPhoto) {
    this.request = request;
    this.maxBytesPerPhoto = maxBytesPerPhoto;
  }

  /** The photos' bytes in upload order, or a 4xx {@link ServiceException}. */
  static Future<List<byte[]>> read(HttpServerRequest request, long maxBytesPerPhoto, ServiceException tooLarge) {
    PhotoUploads uploads = new PhotoUploads(request, maxBytesPerPhoto);
    request.setExpectMultipart(true);
    request.uploadHandler(upload -> uploads.accept(upload, tooLarge));
    request.exceptionHandler(error -> uploads.refuse(Multipart.invalid()));
    request.endHandler(ended -> uploads.finish());
    request.resume();
    return uploads.result.future();
  }

  private void accept(HttpServerFileUpload upload, ServiceException tooLarge) {
    if (refusal == null && !FIELD.equals(upload.name())) {
      refuse(ServiceException.invalidParameter("field", "사진은 image 필드로 보내 주세요 ('" + upload.name() + "' 필드는 받지 않아요)."));
    } else if (refusal == null && photos.size() == Jobs.MAX_PHOTOS) {
      refuse(new ServiceException(ErrorCode.INVALID_PARAMETER, "too_many_images",
          "한 번에 사진은 " + Jobs.MAX_PHOTOS + "장까지 올릴 수 있어요.", null));
    }
    Buffer photo = Buffer.buffer();
    if (refusal == null) {
      photos.add(photo);
    }
    upload.handler(chunk -> {
      if (refusal != null) {
        return; // drained, not kept
      }
      if (photo.length() + chunk.length() > maxBytesPerPhoto) {
        refuse(tooLarge);
        return;
      }
      photo.appendBuffer(chunk);
    });
  }

  /** Answers at once; the rest of the body is drained unread (the client may still be sending). */
  private void refuse(ServiceException why) {
    if (refusal == null) {
      refusal = why;
      photos.clear();
      result.tryFail(why);
    }
  }

  private void finish() {
    if (refusal != null) {
      result.tryFail(refusal);
    } else if (photos.isEmpty()) {
      result.tryFail(new ServiceException(ErrorCode.INVALID_PARAMETER, "missing_image", "사진을 한 장 이상 올려 주세요.", null));
    } else {
      result.tryComplete(photos.stream().map(Buffer::getBytes).toList());
    }
  }
}
