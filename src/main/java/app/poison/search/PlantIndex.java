package app.poison.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * In-memory Lucene index of plant names, one document per name, in several forms: normalised
 * text, 두벌식 keys, 초성 and key n-grams (family names: normalised text only). It only finds
 * candidates; {@link NameMatcher} decides.
 */
final class PlantIndex implements AutoCloseable {
  private static final String PLANT = "plant";
  private static final String ENTRY = "entry";
  private static final String NORM = "norm";
  private static final String KEYS = "keys";
  private static final String INITIALS = "initials";
  private static final String GRAMS = "grams";
  private static final int SHORT_NAME = 2;
  private static final int LONG_KEYS = 10;

  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Map<Long, NameEntry> entries = new ConcurrentHashMap<>();
  /** Written under the lock only. */
  private final Map<String, List<Long>> entryIds = new HashMap<>();
  private final AtomicLong nextId = new AtomicLong();

  PlantIndex() {
    try {
      writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(new WhitespaceAnalyzer()));
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces every name of {@code plantId} (none: the plant is removed) and makes it searchable. */
  synchronized void replace(String plantId, List<Map.Entry<String, String>> fieldAndValues) {
    try {
      writer.deleteDocuments(new Term(PLANT, plantId));
      List<Long> old = entryIds.remove(plantId);
      if (old != null) {
        old.forEach(entries::remove);
      }
      List<Long> added = new ArrayList<>();
      for (Map.Entry<String, String> fieldAndValue : fieldAndValues) {
        NameEntry entry = NameEntry.of(nextId.getAndIncrement(), plantId, fieldAndValue.getKey(), fieldAndValue.getValue());
        if (!entry.forms().isEmpty()) {
          entries.put(entry.id(), entry);
          added.add(entry.id());
          writer.addDocument(document(entry));
        }
      }
      entryIds.put(plantId, added);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes every change so far visible to {@link #candidates}. */
  void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** After a bulk load: one segment, so that every query looks each term up once, not per segment. */
  synchronized void compact() {
    try {
      writer.forceMerge(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void clear() {
    try {
      writer.deleteAll();
      entries.clear();
      entryIds.clear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Document document(NameEntry entry) {
    Document doc = new Document();
    doc.add(new StringField(PLANT, entry.plantId(), Field.Store.NO));
    doc.add(new NumericDocValuesField(ENTRY, entry.id()));
    NameForms forms = entry.forms();
    doc.add(new StringField(NORM, forms.norm(), Field.Store.NO));
    if (entry.family()) {
      return doc; // matched only when typed in full: the other forms would only bring candidates that cannot match
    }
    doc.add(new StringField(KEYS, forms.keys(), Field.Store.NO));
    if (forms.korean()) {
      doc.add(new StringField(INITIALS, forms.initials(), Field.Store.NO));
    }
    doc.add(new TextField(GRAMS, String.join(" ", grams(forms)), Field.Store.NO));
    return doc;
  }

  /** Names that may match {@code term}: exact and prefix forms first, then those sharing most grams. */
  List<NameEntry> candidates(NameForms term, int max) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        // Counting no hits beyond the top ones lets Lucene skip blocks that cannot make the cut.
        ScoreDoc[] hits = searcher.search(query(term), new TopScoreDocCollectorManager(max, max)).scoreDocs;
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<NameEntry> found = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
          LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
          NumericDocValues ids = leaf.reader().getNumericDocValues(ENTRY);
          NameEntry entry = ids.advanceExact(hit.doc - leaf.docBase) ? entries.get(ids.longValue()) : null;
          if (entry != null) { // null: removed since this searcher opened
            found.add(entry);
          }
        }
        return found;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Query query(NameForms term) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(new BoostQuery(new TermQuery(new Term(NORM, term.norm())), 100), Occur.SHOULD);
    query.add(new BoostQuery(new PrefixQuery(new Term(KEYS, term.keys())), 10), Occur.SHOULD);
    if (term.initialsOnly()) {
      query.add(new BoostQuery(new PrefixQuery(new Term(INITIALS, term.norm())), 10), Occur.SHOULD);
    }
    for (String gram : queryGrams(term)) {
      query.add(new TermQuery(new Term(GRAMS, gram)), Occur.SHOULD);
    }
    return query.build();
  }

  /**
   * Grams of a name: bigrams and trigrams of its keys, and bigrams of its consonant skeleton (a
   * vowel typo changes every key bigram of 쑥).
   */
  private static Set<String> grams(NameForms name) {
    Set<String> grams = new LinkedHashSet<>();
    addGrams(grams, name.keys(), 2);
    addGrams(grams, name.keys(), 3);
    addGrams(grams, Hangul.consonantSkeleton(name.norm()), 2);
    return grams;
  }

  /**
   * Grams of a query: trigrams of long keys (bigrams are so common in a large catalog that
   * scoring them costs more than the rest of a search), bigrams of short ones, and the consonant
   * skeleton of short Korean terms only, where key grams are too few to rely on.
   */
  private static Set<String> queryGrams(NameForms term) {
    Set<String> grams = new LinkedHashSet<>();
    addGrams(grams, term.keys(), term.keys().length() >= LONG_KEYS ? 3 : 2);
    if (term.korean() && term.syllables().length <= SHORT_NAME) {
      addGrams(grams, Hangul.consonantSkeleton(term.norm()), 2);
    }
    return grams;
  }

  private static void addGrams(Set<String> grams, String text, int n) {
    for (int i = 0; i + n <= text.length(); i++) {
      grams.add(text.substring(i, i + n));
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
  }
}
