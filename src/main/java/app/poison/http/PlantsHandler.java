package app.poison.http;

import app.poison.messaging.Addresses;
import app.poison.messaging.ServiceException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The catalog (도감) resource: list, detail and the admin edits, answered by the catalog verticle. */
final class PlantsHandler {
  static final String PATH = "/api/v1/plants";
  private static final List<String> LIST_PARAMETERS = List.of("limit", "cursor", "poisonous", "identifiable");
  private final CatalogBus catalog;

  PlantsHandler(CatalogBus catalog) {
    this.catalog = catalog;
  }

  /** {@code GET /api/v1/plants}: the parameters go as sent; the catalog validates them. */
  void list(RoutingContext ctx) {
    catalog.<Buffer>request(Addresses.CATALOG_LIST, query(ctx, LIST_PARAMETERS))
        .onSuccess(page -> Responses.json(ctx, 200, page)).onFailure(ctx::fail);
  }

  /** The named query parameters that are present, as strings. */
  static JsonObject query(RoutingContext ctx, List<String> names) {
    JsonObject query = new JsonObject();
    try {
      for (String name : names) {
        String value = ctx.request().getParam(name);
        if (value != null) {
          query.put(name, value);
        }
      }
    } catch (IllegalArgumentException badEncoding) { // e.g. "%ZZ": Netty refuses to decode the query
      throw ServiceException.invalidParameter("query", "주소의 조회 조건을 읽을 수 없어요.");
    }
    return query;
  }

  void detail(RoutingContext ctx) {
    catalog.<JsonObject>request(Addresses.CATALOG_GET, idOf(ctx)).onSuccess(plant -> Responses.ok(ctx, plant)).onFailure(ctx::fail);
  }

  void create(RoutingContext ctx) {
    catalog.<JsonObject>request(Addresses.CATALOG_CREATE, new JsonObject().put("plant", JsonBodies.read(ctx)))
        .onSuccess(plant -> {
          ctx.response().putHeader(HttpHeaders.LOCATION, PATH + "/" + plant.getString("id"));
          Responses.json(ctx, 201, plant);
        })
        .onFailure(ctx::fail);
  }

  void replace(RoutingContext ctx) {
    catalog.<JsonObject>request(Addresses.CATALOG_REPLACE, idOf(ctx).put("plant", JsonBodies.read(ctx)))
        .onSuccess(plant -> Responses.ok(ctx, plant)).onFailure(ctx::fail);
  }

  void delete(RoutingContext ctx) {
    catalog.<JsonObject>request(Addresses.CATALOG_DELETE, idOf(ctx))
        .onSuccess(deleted -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  static JsonObject idOf(RoutingContext ctx) {
    return new JsonObject().put("id", ctx.pathParam("id"));
  }
}
