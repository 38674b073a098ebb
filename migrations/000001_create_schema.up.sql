BEGIN;

-- Slugs are the stable, readable keys that appear in URLs. Names and slugs sort bytewise
-- (COLLATE "C") so that list order and cursors do not depend on the server's locale.
CREATE DOMAIN slug AS text COLLATE "C"
    CHECK (VALUE ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(VALUE) <= 100);

CREATE TABLE sources (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug             slug NOT NULL UNIQUE,
    pmid             text UNIQUE CHECK (pmid ~ '^[1-9][0-9]{0,8}$'),
    doi              text UNIQUE CHECK (doi ~ '^10\.[0-9]{4,9}/\S+$'),
    authors          text NOT NULL CHECK (authors <> ''),
    title            text NOT NULL CHECK (title <> ''),
    journal          text NOT NULL CHECK (journal <> ''),
    year             integer NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    citation         text NOT NULL CHECK (citation <> ''),
    publication_type text NOT NULL CHECK (publication_type IN (
        'journal_article', 'review', 'systematic_review', 'case_report',
        'conference_abstract', 'book_chapter')),
    verified_against text NOT NULL CHECK (verified_against IN ('abstract', 'full_text'))
);
COMMENT ON COLUMN sources.pmid IS 'PubMed identifier, only when seen on the PubMed record; NULL is not a claim that none exists.';
COMMENT ON COLUMN sources.citation IS 'Volume(issue):pages as printed on the record.';
COMMENT ON COLUMN sources.verified_against IS 'What the stored numbers were checked against: the abstract or the full text.';

CREATE TABLE associated_features (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        slug NOT NULL UNIQUE,
    name        text COLLATE "C" NOT NULL UNIQUE,
    category    text NOT NULL CHECK (category IN (
        'clinical', 'serologic', 'radiographic', 'demographic', 'vascular', 'bone')),
    description text NOT NULL CHECK (description <> ''),
    in_review   boolean NOT NULL
);
COMMENT ON COLUMN associated_features.in_review IS 'Named as an associated feature in the anchor review''s summary.';

CREATE TABLE mechanisms (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug          slug NOT NULL UNIQUE,
    name          text COLLATE "C" NOT NULL UNIQUE,
    description   text NOT NULL CHECK (description <> ''),
    support       text NOT NULL CHECK (support IN (
        'human_observational', 'histology', 'animal_model', 'hypothesis')),
    animal_models text[] NOT NULL DEFAULT '{}',
    genes         text[] NOT NULL DEFAULT '{}',
    in_review     boolean NOT NULL
);
COMMENT ON COLUMN mechanisms.support IS 'The strongest kind of support the cited sources give the mechanism.';

CREATE TABLE diagnostic_modalities (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        slug NOT NULL UNIQUE,
    name        text COLLATE "C" NOT NULL UNIQUE,
    role        text NOT NULL CHECK (role IN ('standard', 'experimental')),
    shows       text NOT NULL CHECK (shows <> ''),
    strengths   text NOT NULL CHECK (strengths <> ''),
    limitations text NOT NULL CHECK (limitations <> ''),
    in_review   boolean NOT NULL
);
COMMENT ON COLUMN diagnostic_modalities.role IS 'standard: used in practice per the anchor review; experimental: under study.';

CREATE TABLE treatments (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       slug NOT NULL UNIQUE,
    name       text COLLATE "C" NOT NULL UNIQUE,
    category   text NOT NULL CHECK (category IN ('pharmacologic', 'procedural', 'surgical')),
    drug_class text CHECK (drug_class <> ''),
    route      text CHECK (route IN (
        'oral', 'intravenous', 'subcutaneous', 'intralesional', 'topical', 'local_procedure', 'surgical')),
    rationale  text NOT NULL CHECK (rationale <> ''),
    mainstay   boolean NOT NULL DEFAULT false,
    CHECK (category = 'pharmacologic' OR drug_class IS NULL)
);
COMMENT ON COLUMN treatments.mainstay IS 'The anchor review names surgical excision the mainstay of treatment; at most one row is marked.';
CREATE UNIQUE INDEX treatments_one_mainstay ON treatments (mainstay) WHERE mainstay;
CREATE INDEX treatments_category ON treatments (category);

CREATE TABLE treatment_mechanisms (
    treatment_id bigint NOT NULL REFERENCES treatments (id) ON DELETE CASCADE,
    mechanism_id bigint NOT NULL REFERENCES mechanisms (id) ON DELETE CASCADE,
    PRIMARY KEY (treatment_id, mechanism_id)
);
CREATE INDEX treatment_mechanisms_mechanism ON treatment_mechanisms (mechanism_id);

CREATE TABLE prevalence_estimates (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       slug NOT NULL UNIQUE,
    cohort     text NOT NULL CHECK (cohort <> ''),
    kind       text NOT NULL CHECK (kind IN ('cohort', 'review_summary')),
    design     text NOT NULL CHECK (design <> ''),
    definition text NOT NULL CHECK (definition <> ''),
    n          integer CHECK (n > 0),
    cases      integer CHECK (cases >= 0 AND cases <= n),
    percent    numeric(5, 2) NOT NULL CHECK (percent >= 0 AND percent <= 100),
    approximate boolean NOT NULL DEFAULT false,
    source_id  bigint NOT NULL REFERENCES sources (id),
    statement  text NOT NULL CHECK (statement <> ''),
    CHECK (kind = 'review_summary' OR n IS NOT NULL),
    -- A published percentage may be rounded to a whole number; it must still agree with the counts.
    CHECK (cases IS NULL OR abs(percent - 100.0 * cases / n) <= 0.5)
);
COMMENT ON COLUMN prevalence_estimates.definition IS 'How calcinosis was ascertained in the cohort (examination, radiographs, history).';
COMMENT ON COLUMN prevalence_estimates.approximate IS 'The source gives the share in words (the review''s "almost one quarter"), not as a count.';

-- A finding is one result of one study about one subject record.
CREATE TABLE findings (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id              bigint NOT NULL REFERENCES sources (id),
    associated_feature_id  bigint REFERENCES associated_features (id) ON DELETE CASCADE,
    mechanism_id           bigint REFERENCES mechanisms (id) ON DELETE CASCADE,
    diagnostic_modality_id bigint REFERENCES diagnostic_modalities (id) ON DELETE CASCADE,
    treatment_id           bigint REFERENCES treatments (id) ON DELETE CASCADE,
    design                 text NOT NULL CHECK (design IN (
        'systematic_review', 'rct', 'prospective_cohort', 'retrospective_cohort', 'registry',
        'cross_sectional', 'case_control', 'case_series', 'case_report', 'expert_review',
        'narrative_review', 'animal_model', 'laboratory')),
    population             text,
    n_ssc                  integer CHECK (n_ssc > 0),
    n_total                integer CHECK (n_total > 0 AND n_total >= n_ssc),
    measure                text CHECK (measure IN (
        'odds_ratio', 'hazard_ratio', 'proportion', 'frequency_comparison', 'sensitivity',
        'specificity', 'icc', 'kappa', 'median_change')),
    estimate               numeric,
    ci_low                 numeric,
    ci_high                numeric,
    comparator_estimate    numeric,
    comparison             text,
    p_value                numeric CHECK (p_value > 0 AND p_value <= 1),
    p_relation             text CHECK (p_relation IN ('<', '=')),
    adjusted               boolean,
    events                 integer CHECK (events >= 0),
    denominator            integer CHECK (denominator > 0 AND events <= denominator),
    direction              text CHECK (direction IN ('positive', 'negative', 'none')),
    outcome                text CHECK (outcome IN ('improved', 'no_effect', 'mixed', 'worsened')),
    regimen                text,
    adverse_effects        text,
    follow_up              text,
    evidence_level         smallint NOT NULL CHECK (evidence_level BETWEEN 1 AND 5),
    statement              text NOT NULL CHECK (statement <> ''),
    CHECK (num_nonnulls(associated_feature_id, mechanism_id, diagnostic_modality_id, treatment_id) = 1),
    CHECK ((measure IS NULL) = (estimate IS NULL)),
    CHECK ((ci_low IS NULL) = (ci_high IS NULL)),
    CHECK (ci_low IS NULL OR (estimate IS NOT NULL AND ci_low <= estimate AND estimate <= ci_high)),
    CHECK ((p_value IS NULL) = (p_relation IS NULL)),
    CHECK ((events IS NULL) = (denominator IS NULL)),
    CHECK ((comparator_estimate IS NULL) = (comparison IS NULL)),
    CHECK (measure NOT IN ('proportion', 'sensitivity', 'specificity', 'frequency_comparison')
           OR (estimate BETWEEN 0 AND 1 AND (comparator_estimate IS NULL OR comparator_estimate BETWEEN 0 AND 1))),
    -- Only treatment findings have an outcome, and every study of a treatment reports one; a review
    -- that recommends or ranks without reporting results leaves it empty rather than guessed.
    CHECK (treatment_id IS NOT NULL OR outcome IS NULL),
    CHECK (treatment_id IS NULL OR outcome IS NOT NULL OR design IN ('expert_review', 'narrative_review')),
    CHECK ((associated_feature_id IS NULL) = (direction IS NULL))
);
COMMENT ON COLUMN findings.evidence_level IS 'Oxford CEBM 2011 level (1 strongest, 5 mechanism-based reasoning or expert opinion) from the row that fits the question; a case report is a level-4 case series of one and stays distinguishable by design.';
COMMENT ON COLUMN findings.estimate IS 'The result as published; proportions are fractions in [0, 1].';
COMMENT ON COLUMN findings.comparator_estimate IS 'For frequency comparisons: the frequency in the comparison group named in "comparison".';
CREATE INDEX findings_source ON findings (source_id);
CREATE INDEX findings_associated_feature ON findings (associated_feature_id) WHERE associated_feature_id IS NOT NULL;
CREATE INDEX findings_mechanism ON findings (mechanism_id) WHERE mechanism_id IS NOT NULL;
CREATE INDEX findings_diagnostic_modality ON findings (diagnostic_modality_id) WHERE diagnostic_modality_id IS NOT NULL;
CREATE INDEX findings_treatment ON findings (treatment_id) WHERE treatment_id IS NOT NULL;

-- A treatment's level is the strongest level among its findings: derived here, never stored.
CREATE VIEW treatment_evidence_levels AS
SELECT t.id AS treatment_id,
       min(f.evidence_level) AS evidence_level
FROM treatments AS t
JOIN findings AS f ON f.treatment_id = t.id
GROUP BY t.id;

COMMIT;
