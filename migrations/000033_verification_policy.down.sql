BEGIN;

ALTER TABLE sources DROP CONSTRAINT sources_verification_check;
ALTER TABLE sources ADD CONSTRAINT sources_verification_check
    CHECK (verification IN ('publisher', 'pubmed', 'pmc', 'concordant_secondary', 'single_secondary'));
COMMENT ON COLUMN sources.verification IS 'How the record was verified: publisher (the publisher''s or journal''s own page, or the society''s archive of its meeting abstracts), pubmed or pmc (that record itself); concordant_secondary (at least two independent copies agree on title, journal, volume, pages, identifiers and every number used); single_secondary (one secondary copy only: below the policy, kept until the record is found).';

COMMIT;
