-- Reverts 000020: the registry's features, estimate and findings, then its source.

BEGIN;

DELETE FROM associated_features WHERE slug IN ('diffuse-severe-phenotype', 'sine-scleroderma-phenotype');
DELETE FROM prevalence_estimates WHERE slug = 'johns-hopkins-2020-registry';
DELETE FROM findings WHERE source_id = (SELECT id FROM sources WHERE slug = 'richardson-2020-burden');
DELETE FROM sources WHERE slug = 'richardson-2020-burden';

COMMIT;
