package app.poison.feedback;

import app.poison.catalog.ImageCredits;
import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.Limits;
import app.poison.messaging.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The admin's review queue: list contributions by status, approve one (its photos join the plant's
 * catalog images and/or the training export) or reject it. Only a pending one can be reviewed.
 */
final class ContributionReview {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final Set<String> STATUSES = Set.of(Contributions.PENDING, Contributions.APPROVED, Contributions.REJECTED);
  private static final Set<String> USES = Set.of(Contributions.USE_CATALOG, Contributions.USE_TRAINING);
  private static final Set<String> APPROVAL_FIELDS = Set.of("plant_id", "use", "credit", "license");
  private final Contributions contributions;
  private final ContributionStore store;

  ContributionReview(Contributions contributions, ContributionStore store) {
    this.contributions = contributions;
    this.store = store;
  }

  /** {@code {"status"?, "cursor"?, "limit"?}} as sent → {@code {"items", "next_cursor"}}. */
  Future<JsonObject> list(JsonObject query) {
    String status = query.getString("status", Contributions.PENDING);
    if (!STATUSES.contains(status)) {
      throw ServiceException.invalidParameter("status", "status는 pending, approved, rejected 중 하나여야 해요.");
    }
    int limit = Limits.parse(query.getValue("limit"), DEFAULT_LIMIT, MAX_LIMIT);
    ListCursor after = ListCursor.parse(query.getString("cursor"));
    // one more than asked: only when it exists is there a next page
    return store.page(status, after, limit + 1).map(found -> {
      List<JsonObject> page = found.subList(0, Math.min(limit, found.size()));
      JsonArray items = new JsonArray();
      page.forEach(contribution -> items.add(Contributions.view(contribution)));
      JsonObject last = page.isEmpty() ? null : page.get(page.size() - 1);
      String next = found.size() > limit ? new ListCursor(last.getLong("created_ms"), last.getString("id")).encode() : null;
      return new JsonObject().put("items", items).put("next_cursor", next);
    });
  }

  /** {@code {"id", "approval": {"plant_id", "use", "credit"?, "license"?}}} → the approved contribution. */
  Future<JsonObject> approve(JsonObject request) {
    JsonObject approval = request.getJsonObject("approval", new JsonObject());
    for (String name : approval.fieldNames()) {
      if (!APPROVAL_FIELDS.contains(name)) {
        throw new ServiceException(ErrorCode.INVALID_BODY, "unknown_field", "알 수 없는 항목이에요: " + name, null);
      }
    }
    Object plant = approval.getValue("plant_id");
    if (!(plant instanceof String plantId) || plantId.isBlank()) {
      throw Feedback.invalid("plant_id", "plant_id(도감의 식물 id)가 필요해요.");
    }
    Set<String> uses = uses(approval.getValue("use"));
    JsonObject attribution = ImageCredits.attribution(ImageCredits.field(approval, "credit"),
        ImageCredits.field(approval, "license"), ImageCredits.SOURCE_CONTRIBUTION);
    String id = request.getString("id");
    return pending(id).compose(contribution -> contributions.requireKnownPlant(plantId).map(contribution))
        .compose(contribution -> {
          JsonArray photos = contribution.getJsonArray("photos", new JsonArray());
          if (photos.isEmpty()) {
            throw new ServiceException(ErrorCode.CONFLICT, "no_photos", "사진이 없는 의견은 승인할 수 없어요. 거절해 주세요.", null);
          }
          Future<?> catalog = uses.contains(Contributions.USE_CATALOG) ? addToCatalog(plantId, photos, attribution)
              : Future.succeededFuture();
          JsonObject review = new JsonObject().put("plant_id", plantId).put("use", new JsonArray(List.copyOf(uses)))
              .put("credit", attribution.getString("credit")).put("license", attribution.getString("license"))
              .put("reviewed_at", Instant.now().toString());
          return catalog.compose(ignored -> decide(id, Contributions.APPROVED, review));
        });
  }

  /** {@code {"id"}} → the rejected contribution. */
  Future<JsonObject> reject(JsonObject request) {
    String id = request.getString("id");
    return pending(id).compose(ignored -> decide(id, Contributions.REJECTED,
        new JsonObject().put("reviewed_at", Instant.now().toString())));
  }

  private static Set<String> uses(Object value) {
    Set<String> uses = new LinkedHashSet<>();
    if (value instanceof JsonArray array) {
      for (Object use : array) {
        if (!USES.contains(use) || !uses.add((String) use)) {
          uses.clear();
          break;
        }
      }
    }
    if (uses.isEmpty()) {
      throw Feedback.invalid("use", "use는 \"catalog\", \"training\" 중 하나 이상을 담은 배열이어야 해요.");
    }
    return uses;
  }

  /** Through the catalog verticle, so that every reader (search, replicas, other nodes) sees the photos. */
  private Future<JsonObject> addToCatalog(String plantId, JsonArray photos, JsonObject attribution) {
    JsonArray credited = new JsonArray();
    photos.forEach(photo -> credited.add(((JsonObject) photo).copy().mergeIn(attribution)));
    return contributions.ask(Addresses.CATALOG_ADD_IMAGES, new JsonObject().put("id", plantId).put("images", credited));
  }

  private Future<JsonObject> pending(String id) {
    return store.find(id).map(contribution -> {
      if (contribution == null) {
        throw new ServiceException(ErrorCode.NOT_FOUND, "contribution_not_found", "없는 의견이에요: " + id, null);
      }
      if (!Contributions.PENDING.equals(contribution.getString("status"))) {
        throw alreadyReviewed();
      }
      return contribution;
    });
  }

  private Future<JsonObject> decide(String id, String status, JsonObject review) {
    return store.review(id, status, review).compose(changed -> {
      if (!changed) {
        throw alreadyReviewed(); // another admin was faster
      }
      return store.find(id).map(Contributions::view);
    });
  }

  private static ServiceException alreadyReviewed() {
    return new ServiceException(ErrorCode.CONFLICT, "already_reviewed", "이미 검토가 끝난 의견이에요.", null);
  }
}
