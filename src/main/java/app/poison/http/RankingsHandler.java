package app.poison.http;

import app.poison.messaging.Addresses;
import app.poison.ranking.RankingQuery;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/rankings} and {@code GET /api/v1/rankings/series}: validate, then ask the ranking service. */
final class RankingsHandler {
  static final String PATH = "/api/v1/rankings";

  void board(RoutingContext ctx) {
    try {
      ask(ctx, Addresses.RANKINGS_QUERY, RankingQuery.board(ctx.queryParams().get("window"), ctx.queryParams().get("limit")));
    } catch (RuntimeException invalid) {
      Responses.fail(ctx, invalid);
    }
  }

  void series(RoutingContext ctx) {
    try {
      ask(ctx, Addresses.RANKINGS_SERIES, RankingQuery.series(ctx.queryParams().get("plant"), ctx.queryParams().get("window")));
    } catch (RuntimeException invalid) {
      Responses.fail(ctx, invalid);
    }
  }

  private static void ask(RoutingContext ctx, String address, RankingQuery query) {
    // The board arrives already encoded (a Buffer), the series as a JSON object.
    ctx.vertx().eventBus().request(address, query.toJson())
        .onSuccess(reply -> Responses.json(ctx, 200, reply.body()))
        .onFailure(error -> Responses.fail(ctx, error));
  }
}
