BEGIN;

-- A counter that every change of content bumps, so that the API can tell in one cheap read
-- whether answers it has encoded are still current. Statement-level triggers catch every
-- change, whether a migration or anyone else makes it.
CREATE TABLE content_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint NOT NULL
);
INSERT INTO content_version (version) VALUES (1);

CREATE FUNCTION bump_content_version() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE content_version SET version = version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER sources_bump_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sources
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER associated_features_bump_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON associated_features
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER mechanisms_bump_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON mechanisms
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER diagnostic_modalities_bump_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON diagnostic_modalities
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER treatments_bump_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON treatments
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER treatment_mechanisms_bump_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON treatment_mechanisms
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER prevalence_estimates_bump_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON prevalence_estimates
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER presentation_items_bump_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON presentation_items
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER findings_bump_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON findings
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();

COMMIT;
