package app.poison.identify;

import app.poison.messaging.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Publishes every job status change; the HTTP side relays it to {@code identifications.<id>}. */
public final class JobEvents {
  private final Vertx vertx;

  public JobEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  public void changed(JsonObject job) {
    vertx.eventBus().publish(Addresses.IDENTIFICATION_EVENTS, Jobs.publicView(job));
  }
}
