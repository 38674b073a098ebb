BEGIN;

DROP VIEW treatment_evidence_levels;
DROP TABLE findings;
DROP TABLE prevalence_estimates;
DROP TABLE treatment_mechanisms;
DROP TABLE treatments;
DROP TABLE diagnostic_modalities;
DROP TABLE mechanisms;
DROP TABLE associated_features;
DROP TABLE sources;
DROP DOMAIN slug;

COMMIT;
