package app.poison.catalog;

import app.poison.config.ConfigKeys;
import app.poison.messaging.Addresses;
import app.poison.messaging.AmqpEventBridge;
import app.poison.messaging.ServiceException;
import app.poison.storage.StoreClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the {@code plants} collection: imports the seed, serves every read from the in-memory
 * {@link CatalogView} and runs the admin {@link CatalogCommands} one at a time.
 */
public class CatalogVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogVerticle.class);
  private MongoClient mongo;
  private PlantRepository repository;
  private CatalogView view;
  private Future<?> lastWrite = Future.succeededFuture();

  @Override
  public Future<?> start() {
    mongo = StoreClients.mongo(vertx, config());
    repository = new PlantRepository(mongo);
    return ModelClasses.catalogIds(vertx, config().getString(ConfigKeys.MODEL_DIR))
        .compose(identifiable -> {
          view = new CatalogView(identifiable);
          return repository.all();
        })
        .compose(this::importSeed)
        .onSuccess(plants -> {
          plants.forEach(view::put);
          LOG.info("Catalog ready: {} plants", plants.size());
          registerConsumers(new CatalogCommands(repository, view, vertx.eventBus()));
        });
  }

  /** The stored plants and those the seed adds. */
  private Future<List<JsonObject>> importSeed(List<JsonObject> stored) {
    Set<String> present = stored.stream().map(plant -> plant.getString("id")).collect(Collectors.toSet());
    return new SeedImporter(vertx, repository).importFrom(config().getString(ConfigKeys.CATALOG_SEED), present)
        .map(imported -> Stream.concat(stored.stream(), imported.stream()).toList());
  }

  private void registerConsumers(CatalogCommands commands) {
    read(Addresses.CATALOG_LIST, query -> view.encodedPage(PageRequest.parse(query)));
    read(Addresses.CATALOG_GET, this::detail);
    read(Addresses.CATALOG_SUMMARIES, request ->
        new JsonObject().put("items", view.summaries(request.getJsonArray("ids", new JsonArray()))));
    read(Addresses.CATALOG_SNAPSHOT, ignored -> new JsonObject().put("items", view.all()));
    write(Addresses.CATALOG_CREATE, commands::create);
    write(Addresses.CATALOG_REPLACE, commands::replace);
    write(Addresses.CATALOG_DELETE, commands::delete);
    write(Addresses.CATALOG_ADD_IMAGES, commands::addImages);
    write(Addresses.CATALOG_RESYNC, commands::resync);
    vertx.eventBus().<JsonObject>consumer(Addresses.CATALOG_CHANGED, this::applyFromAnotherNode);
  }

  /** Changes made by another api node (relayed over RabbitMQ); this node's own are applied already. */
  private void applyFromAnotherNode(Message<JsonObject> change) {
    if (change.headers().contains(AmqpEventBridge.RELAYED)) {
      JsonObject plant = change.body().getJsonObject("plant");
      if (plant == null) {
        view.remove(change.body().getString("id"));
      } else {
        view.put(plant);
      }
    }
  }

  private JsonObject detail(JsonObject request) {
    JsonObject plant = view.detail(request.getString("id"));
    if (plant == null) {
      throw CatalogCommands.notFound(request.getString("id"));
    }
    return plant;
  }

  private void read(String address, Function<JsonObject, Object> answer) {
    vertx.eventBus().<JsonObject>consumer(address, message -> {
      try {
        message.reply(answer.apply(body(message)));
      } catch (RuntimeException e) {
        fail(message, e);
      }
    });
  }

  /** Each write starts when the previous one has finished, whatever its outcome. */
  private void write(String address, Function<JsonObject, Future<JsonObject>> command) {
    vertx.eventBus().<JsonObject>consumer(address, message -> {
      Future<JsonObject> result = lastWrite.transform(ignored -> {
        try {
          return command.apply(body(message));
        } catch (RuntimeException e) {
          return Future.failedFuture(e);
        }
      });
      lastWrite = result;
      result.onSuccess(message::reply).onFailure(error -> fail(message, error));
    });
  }

  private static void fail(Message<JsonObject> message, Throwable error) {
    if (!(error instanceof ServiceException)) {
      LOG.error("Catalog command on {} failed", message.address(), error);
    }
    ServiceException.fail(message, error);
  }

  private static JsonObject body(Message<JsonObject> message) {
    return message.body() == null ? new JsonObject() : message.body();
  }

  @Override
  public Future<?> stop() {
    return mongo.close();
  }
}
