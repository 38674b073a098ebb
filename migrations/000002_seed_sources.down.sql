-- Removes the sources seeded by 000002. Runs last among the seed rollbacks: every finding and
-- prevalence estimate that cites these sources has been removed by the later down migrations.

BEGIN;

DELETE FROM sources
WHERE slug IN (
    'valenzuela-2015',
    'valenzuela-2016',
    'baron-2016',
    'valenzuela-2020',
    'steen-1984',
    'avouac-2006',
    'avouac-2011',
    'vayssairat-1998',
    'elhai-2012',
    'boulman-2005',
    'traineau-2020',
    'valenzuela-2016-management',
    'robertson-2003',
    'bottomley-1996',
    'narvaez-2019',
    'balin-2012',
    'blumhardt-2016',
    'tajalli-2019'
);

COMMIT;
