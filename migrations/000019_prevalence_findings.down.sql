-- Reverts 000019: prevalence estimates go back to having no findings.

BEGIN;

DELETE FROM findings WHERE prevalence_estimate_id IS NOT NULL;

COMMIT;
