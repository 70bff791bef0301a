package app.poison.http;

import app.poison.messaging.Addresses;
import app.poison.search.SearchRequest;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/plants/search?q=&limit=}: validates, then asks the search service. */
final class SearchHandler implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    SearchRequest request;
    try {
      request = SearchRequest.parse(ctx.queryParams().get("q"), ctx.queryParams().get("limit"));
    } catch (RuntimeException invalid) {
      Responses.fail(ctx, invalid);
      return;
    }
    ctx.vertx().eventBus().<Buffer>request(Addresses.SEARCH_QUERY, request.toJson())
        .onSuccess(reply -> Responses.json(ctx, 200, reply.body()))
        .onFailure(error -> Responses.fail(ctx, error));
  }
}
