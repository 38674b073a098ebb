BEGIN;

-- The search index: each record's search document (search_documents) with its weighted
-- tsvector and the text trigram similarity is measured on, stored when the record changes
-- instead of computed for every record on every search, and indexed. search_hits ranks exactly
-- as before: the same vectors, the same similarity, the same snippet.
CREATE TABLE search_index (
    kind     text NOT NULL,
    slug     text NOT NULL,
    name     text,
    synonyms text[],
    body     text,
    names    text,     -- name and synonyms, what a misspelt query is compared with
    document tsvector, -- name (A), synonyms (B) and body (C)
    PRIMARY KEY (kind, slug)
);
CREATE INDEX search_index_document ON search_index USING gin (document);
CREATE INDEX search_index_names ON search_index USING gin (names gin_trgm_ops);

-- index_search_documents brings the entries of kind for slugs in line with search_documents:
-- removed, and added again as they now read. The one place the stored columns are computed.
CREATE FUNCTION index_search_documents(index_kind text, slugs text[]) RETURNS void
LANGUAGE sql
AS $$
    DELETE FROM search_index AS i WHERE i.kind = index_kind AND i.slug = ANY (slugs);
    INSERT INTO search_index (kind, slug, name, synonyms, body, names, document)
    SELECT d.kind, d.slug, d.name, d.synonyms, d.body,
           d.name || ' ' || array_to_string(d.synonyms, ' '),
           setweight(to_tsvector('english', d.name), 'A')
               || setweight(to_tsvector('english', array_to_string(d.synonyms, ' ')), 'B')
               || setweight(to_tsvector('english', d.body), 'C')
    FROM search_documents AS d
    WHERE d.kind = index_kind AND d.slug = ANY (slugs);
$$;

-- The trigger of each table behind search_documents, its kind as argument. A row's old and new
-- slugs are both brought in line, so that an update that renames slugs leaves each slug
-- indexed as the table finally holds it, whatever order the rows' triggers run in.
CREATE FUNCTION index_search_document() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    slugs text[] := '{}';
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM search_index WHERE kind = TG_ARGV[0];
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        slugs := slugs || OLD.slug;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        slugs := slugs || NEW.slug;
    END IF;
    PERFORM index_search_documents(TG_ARGV[0], slugs);
    RETURN NULL;
END
$$;

CREATE TRIGGER search_index AFTER INSERT OR UPDATE OR DELETE ON associated_features
    FOR EACH ROW EXECUTE FUNCTION index_search_document('associated_feature');
CREATE TRIGGER search_index_truncate AFTER TRUNCATE ON associated_features
    FOR EACH STATEMENT EXECUTE FUNCTION index_search_document('associated_feature');
CREATE TRIGGER search_index AFTER INSERT OR UPDATE OR DELETE ON mechanisms
    FOR EACH ROW EXECUTE FUNCTION index_search_document('mechanism');
CREATE TRIGGER search_index_truncate AFTER TRUNCATE ON mechanisms
    FOR EACH STATEMENT EXECUTE FUNCTION index_search_document('mechanism');
CREATE TRIGGER search_index AFTER INSERT OR UPDATE OR DELETE ON diagnostic_modalities
    FOR EACH ROW EXECUTE FUNCTION index_search_document('diagnostic_modality');
CREATE TRIGGER search_index_truncate AFTER TRUNCATE ON diagnostic_modalities
    FOR EACH STATEMENT EXECUTE FUNCTION index_search_document('diagnostic_modality');
CREATE TRIGGER search_index AFTER INSERT OR UPDATE OR DELETE ON treatments
    FOR EACH ROW EXECUTE FUNCTION index_search_document('treatment');
CREATE TRIGGER search_index_truncate AFTER TRUNCATE ON treatments
    FOR EACH STATEMENT EXECUTE FUNCTION index_search_document('treatment');
CREATE TRIGGER search_index AFTER INSERT OR UPDATE OR DELETE ON prevalence_estimates
    FOR EACH ROW EXECUTE FUNCTION index_search_document('prevalence_estimate');
CREATE TRIGGER search_index_truncate AFTER TRUNCATE ON prevalence_estimates
    FOR EACH STATEMENT EXECUTE FUNCTION index_search_document('prevalence_estimate');
CREATE TRIGGER search_index AFTER INSERT OR UPDATE OR DELETE ON presentation_items
    FOR EACH ROW EXECUTE FUNCTION index_search_document('presentation_item');
CREATE TRIGGER search_index_truncate AFTER TRUNCATE ON presentation_items
    FOR EACH STATEMENT EXECUTE FUNCTION index_search_document('presentation_item');
CREATE TRIGGER search_index AFTER INSERT OR UPDATE OR DELETE ON sources
    FOR EACH ROW EXECUTE FUNCTION index_search_document('source');
CREATE TRIGGER search_index_truncate AFTER TRUNCATE ON sources
    FOR EACH STATEMENT EXECUTE FUNCTION index_search_document('source');

-- Today's records. A migration that redefines search_documents indexes every record again
-- the same way.
SELECT index_search_documents(kind, array_agg(slug))
FROM search_documents
GROUP BY kind;

-- search_hits as 000013 defined it, over the stored vectors: a record matches when its
-- document matches any word, or when q's word similarity to its name and synonyms reaches
-- 0.45, which q <% names tests through the trigram index with the threshold set to 0.45.
-- Sequential scans are off for it: on a table this small the planner would otherwise compare
-- q with every record's names, which costs several times the two index lookups.
CREATE OR REPLACE FUNCTION search_hits(q text)
RETURNS TABLE (kind text, slug text, name text, synonyms text[], snippet text, score real)
LANGUAGE sql STABLE
SET pg_trgm.word_similarity_threshold = 0.45
SET enable_seqscan = off
AS $$
    WITH query AS (
        SELECT websearch_to_tsquery('english', q) AS every_word,
               websearch_to_tsquery('english', regexp_replace(q, '\s+', ' or ', 'g')) AS any_word
    )
    SELECT s.kind, s.slug, s.name, s.synonyms,
           ts_headline('english', s.name || '. ' || s.body, query.any_word,
                       'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10, MaxFragments=1'),
           ((ts_rank(s.document, query.any_word)
               + ts_rank(s.document, query.every_word)
               + word_similarity(q, s.names))
               * CASE WHEN s.kind = 'source' THEN 0.5 ELSE 1 END)::real
    FROM search_index AS s, query
    WHERE s.document @@ query.any_word
       OR q <% s.names
$$;

COMMIT;
