/**
 * Benchmarks and load tools: not part of the service, and not in {@code target/poison.jar}.
 *
 * <p>Built by the normal {@code ./mvnw package} from {@code src/bench/java} (compiled with the
 * tests, which share {@link app.poison.bench.IdentifyClient}) into {@code target/poison-bench.jar},
 * which finds {@code poison.jar} beside it: {@code java -cp target/poison-bench.jar
 * app.poison.bench.<Tool>}. In-process benchmarks start the real service with embedded stores
 * ({@code BenchService}): {@link app.poison.bench.IdentifyBenchmark},
 * {@link app.poison.bench.SearchBenchmark}, {@link app.poison.bench.RankingBenchmark}. The load
 * harness ({@link app.poison.bench.LoadHarness}, run by {@code bench/*.sh}) loads a running
 * service or cluster over HTTP. The only use of model code is {@code ModelSpeed}.
 */
package app.poison.bench;
