-- Every source now meets the verification policy: the two sources only one secondary copy
-- supported were removed by the content release before this migration, so the value that
-- flagged them goes, and no source can come in below the policy again.
BEGIN;

ALTER TABLE sources DROP CONSTRAINT sources_verification_check;
ALTER TABLE sources ADD CONSTRAINT sources_verification_check
    CHECK (verification IN ('publisher', 'pubmed', 'pmc', 'concordant_secondary'));
COMMENT ON COLUMN sources.verification IS 'How the record was verified: publisher (the publisher''s or journal''s own page, or the society''s archive of its meeting abstracts), pubmed or pmc (that record itself); concordant_secondary (at least two independent copies agree on title, journal, volume, pages, identifiers and every number used).';

COMMIT;
