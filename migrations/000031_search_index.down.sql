BEGIN;

-- search_hits as 000013 defined it, computing every document on every search.
DROP FUNCTION search_hits(text);
CREATE FUNCTION search_hits(q text)
RETURNS TABLE (kind text, slug text, name text, synonyms text[], snippet text, score real)
LANGUAGE sql STABLE
AS $$
    WITH query AS (
        SELECT websearch_to_tsquery('english', q) AS every_word,
               websearch_to_tsquery('english', regexp_replace(q, '\s+', ' or ', 'g')) AS any_word
    ),
    scored AS (
        SELECT d.kind, d.slug, d.name, d.synonyms, d.body,
               setweight(to_tsvector('english', d.name), 'A')
                   || setweight(to_tsvector('english', array_to_string(d.synonyms, ' ')), 'B')
                   || setweight(to_tsvector('english', d.body), 'C') AS document,
               word_similarity(q, d.name || ' ' || array_to_string(d.synonyms, ' ')) AS similarity
        FROM search_documents AS d
    )
    SELECT s.kind, s.slug, s.name, s.synonyms,
           ts_headline('english', s.name || '. ' || s.body, query.any_word,
                       'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10, MaxFragments=1'),
           ((ts_rank(s.document, query.any_word)
               + ts_rank(s.document, query.every_word)
               + s.similarity)
               * CASE WHEN s.kind = 'source' THEN 0.5 ELSE 1 END)::real
    FROM scored AS s, query
    WHERE s.document @@ query.any_word
       OR s.similarity >= 0.45
$$;

DROP TRIGGER search_index ON associated_features;
DROP TRIGGER search_index_truncate ON associated_features;
DROP TRIGGER search_index ON mechanisms;
DROP TRIGGER search_index_truncate ON mechanisms;
DROP TRIGGER search_index ON diagnostic_modalities;
DROP TRIGGER search_index_truncate ON diagnostic_modalities;
DROP TRIGGER search_index ON treatments;
DROP TRIGGER search_index_truncate ON treatments;
DROP TRIGGER search_index ON prevalence_estimates;
DROP TRIGGER search_index_truncate ON prevalence_estimates;
DROP TRIGGER search_index ON presentation_items;
DROP TRIGGER search_index_truncate ON presentation_items;
DROP TRIGGER search_index ON sources;
DROP TRIGGER search_index_truncate ON sources;
DROP FUNCTION index_search_document();
DROP FUNCTION index_search_documents(text, text[]);
DROP TABLE search_index;

COMMIT;
