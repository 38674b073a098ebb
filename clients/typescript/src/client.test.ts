// Exercises the running API through a client typed by the types that openapi-typescript
// generates from ../../openapi.yaml (src/schema.d.ts, see `npm run generate`).
//
// Every field read below is type-checked against those types, with no casts: if the contract
// renames or removes a field this test reads, `npm run build` (tsc) fails; if the server stops
// sending what the contract promises, the assertions fail at run time. KB_BASE_URL names the
// server (the Go test in this directory starts one on a fresh database and sets it).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import createClient from "openapi-fetch";

import type { components, paths } from "./schema.js";

type Schemas = components["schemas"];
type Treatment = Schemas["Treatment"];
type Finding = Schemas["Finding"];
type Source = Schemas["Source"];
type Problem = Schemas["Problem"];

const baseUrl = process.env["KB_BASE_URL"];
if (!baseUrl) {
  throw new Error("KB_BASE_URL must name the running API, e.g. http://127.0.0.1:8080");
}

const client = createClient<paths>({ baseUrl });

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const instancePattern = /^urn:request:[0-9a-f]{16}$/;

function assertEvidenceLevel(level: Schemas["EvidenceLevel"], where: string): void {
  assert.ok(Number.isInteger(level) && level >= 1 && level <= 5, `${where}: evidence_level ${level} is not 1..5`);
}

function assertSource(source: Source, where: string): void {
  assert.match(source.slug, slugPattern, `${where}: source slug`);
  assert.equal(typeof source.title, "string", `${where}: source title`);
  assert.ok(source.title.length > 0, `${where}: source title is empty`);
  assert.ok(source.authors === null || source.authors.length > 0, `${where}: source authors`);
  assert.equal(typeof source.journal, "string", `${where}: source journal`);
  assert.ok(Number.isInteger(source.year) && source.year >= 1900 && source.year <= 2100, `${where}: source year ${source.year}`);
  assert.ok(source.pmid === null || /^[0-9]+$/.test(source.pmid), `${where}: pmid ${source.pmid}`);
  assert.ok(source.doi === null || source.doi.startsWith("10."), `${where}: doi ${source.doi}`);
  const verified: Source["verified_against"][] = ["abstract", "full_text"];
  assert.ok(verified.includes(source.verified_against), `${where}: verified_against ${source.verified_against}`);
}

function assertFinding(finding: Finding, where: string): void {
  assertSource(finding.source, `${where}: source`);
  assertEvidenceLevel(finding.evidence_level, where);
  assert.equal(typeof finding.design, "string", `${where}: design`);
  assert.equal(typeof finding.statement, "string", `${where}: statement`);
  assert.ok(finding.statement.length > 0, `${where}: statement is empty`);
  // Paired fields are null together.
  assert.equal(finding.measure === null, finding.estimate === null, `${where}: measure/estimate`);
  assert.equal(finding.ci_low === null, finding.ci_high === null, `${where}: ci_low/ci_high`);
  assert.equal(finding.p_value === null, finding.p_relation === null, `${where}: p_value/p_relation`);
}

function assertTreatment(treatment: Treatment, where: string): void {
  assert.match(treatment.slug, slugPattern, `${where}: slug`);
  assert.equal(typeof treatment.name, "string", `${where}: name`);
  assert.equal(typeof treatment.mainstay, "boolean", `${where}: mainstay`);
  assertEvidenceLevel(treatment.evidence_level, where);
  assert.ok(Array.isArray(treatment.mechanisms), `${where}: mechanisms`);
  for (const mechanism of treatment.mechanisms) {
    assert.match(mechanism.slug, slugPattern, `${where}: mechanism slug`);
  }
  assert.ok(treatment.evidence.length > 0, `${where}: no evidence`);
  assert.ok(treatment.sources.length > 0, `${where}: no sources`);
  treatment.evidence.forEach((finding, i) => assertFinding(finding, `${where}: evidence[${i}]`));
  treatment.sources.forEach((source, i) => assertSource(source, `${where}: sources[${i}]`));
  // The derived level is the strongest (lowest) among the evidence.
  const strongest = Math.min(...treatment.evidence.map((finding) => finding.evidence_level));
  assert.equal(treatment.evidence_level, strongest, `${where}: evidence_level is not the strongest of its evidence`);
}

// Asserts the response is an RFC 9457 problem with the given status and returns its typed body.
function assertProblem(error: Problem | undefined, response: Response, status: number): Problem {
  assert.equal(response.status, status, `HTTP status of ${response.url}`);
  assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
  assert.ok(error, `no problem body from ${response.url}`);
  assert.equal(error.status, status);
  assert.equal(error.type, "about:blank");
  assert.equal(typeof error.detail, "string");
  assert.ok(error.instance !== undefined, "problem has no instance");
  assert.match(error.instance, instancePattern);
  assert.equal(error.instance, `urn:request:${response.headers.get("x-request-id") ?? ""}`);
  return error;
}

describe("treatments", () => {
  it("lists by evidence level, strongest first, each with evidence and sources", async () => {
    const { data, error, response } = await client.GET("/v1/treatments", {
      params: { query: { sort: "evidence_level", limit: 200 } },
    });
    assert.equal(error, undefined, `unexpected problem from ${response.url}`);
    assert.equal(response.status, 200);
    assert.ok(data);
    assert.ok(data.data.length > 0, "no treatments");
    assert.equal(data.next, null, "200 treatments should fit on one page");
    data.data.forEach((treatment, i) => assertTreatment(treatment, `treatments[${i}] ${treatment.slug}`));
    for (let i = 1; i < data.data.length; i++) {
      const prev = data.data[i - 1];
      const cur = data.data[i];
      assert.ok(prev && cur);
      assert.ok(
        prev.evidence_level <= cur.evidence_level,
        `${prev.slug} (level ${prev.evidence_level}) before ${cur.slug} (level ${cur.evidence_level})`,
      );
    }
    assert.equal(data.data.filter((treatment) => treatment.mainstay).length, 1, "exactly one mainstay");
  });

  it("lists by benefit, with each treatment's synthesis and the rules' version", async () => {
    const { data, error, response } = await client.GET("/v1/treatments", {
      params: { query: { sort: "benefit", limit: 200 } },
    });
    assert.equal(error, undefined, `unexpected problem from ${response.url}`);
    assert.ok(data);
    const order: Schemas["Assessment"][] = ["mainstay", "promising", "insufficient", "not_effective", "recommended_against"];
    const first = data.data[0];
    const last = data.data[data.data.length - 1];
    assert.ok(first && last);
    assert.equal(first.slug, "surgical-excision");
    assert.equal(last.synthesis.assessment, "recommended_against");
    for (let i = 1; i < data.data.length; i++) {
      const prev = data.data[i - 1];
      const cur = data.data[i];
      assert.ok(prev && cur);
      assert.ok(order.indexOf(prev.synthesis.assessment) <= order.indexOf(cur.synthesis.assessment), `${prev.slug} before ${cur.slug}`);
    }
    const rules = await client.GET("/v1/synthesis-rules");
    assert.ok(rules.data);
    for (const treatment of data.data) {
      const s = treatment.synthesis;
      assert.equal(s.rules_version, rules.data.version, `${treatment.slug}: rules_version`);
      const counted = s.by_primary_outcome.improved + s.by_primary_outcome.mixed + s.by_primary_outcome.no_effect + s.by_primary_outcome.worsened;
      assert.equal(counted, s.studies, `${treatment.slug}: each study counted once`);
      assert.ok(s.certainty === null || s.certainty === "low" || s.certainty === "very_low", `${treatment.slug}: certainty ${s.certainty}`);
      assert.ok(s.certainty_reasons.length > 0, `${treatment.slug}: certainty_reasons`);
    }
  });

  it("gets surgical excision, the mainstay", async () => {
    const { data, error, response } = await client.GET("/v1/treatments/{slug}", {
      params: { path: { slug: "surgical-excision" } },
    });
    assert.equal(error, undefined, `unexpected problem from ${response.url}`);
    assert.ok(data);
    assertTreatment(data, "surgical-excision");
    assert.equal(data.slug, "surgical-excision");
    assert.equal(data.mainstay, true);
    const category: Schemas["TreatmentCategory"] = "surgical";
    assert.equal(data.category, category);
    assert.equal(data.drug_class, null, "drug_class is null unless pharmacologic");
    assert.ok(
      data.sources.some((source) => source.slug === "valenzuela-2015" && source.pmid === "26352733"),
      "surgical excision cites the anchor review",
    );
  });

  it("filters by category", async () => {
    const { data, error, response } = await client.GET("/v1/treatments", {
      params: { query: { category: "surgical", evidence_level_max: 5 } },
    });
    assert.equal(error, undefined, `unexpected problem from ${response.url}`);
    assert.ok(data);
    assert.ok(data.data.some((treatment) => treatment.slug === "surgical-excision"));
    for (const treatment of data.data) {
      assert.equal(treatment.category, "surgical", treatment.slug);
    }
  });

  it("follows the next link of a page of one", async () => {
    const first = await client.GET("/v1/treatments", {
      params: { query: { sort: "evidence_level", limit: 1 } },
    });
    assert.equal(first.error, undefined, `unexpected problem from ${first.response.url}`);
    assert.ok(first.data);
    assert.equal(first.data.data.length, 1);
    const next = first.data.next;
    assert.ok(next !== null, "a page of one treatment has a next link");
    const nextUrl = new URL(next, baseUrl);
    assert.equal(nextUrl.pathname, "/v1/treatments");
    assert.equal(nextUrl.searchParams.get("sort"), "evidence_level");
    assert.equal(nextUrl.searchParams.get("limit"), "1");
    assert.ok(nextUrl.searchParams.get("cursor"), "next carries a cursor");

    // Send the link's query exactly as given; the response is still typed as a TreatmentList.
    const second = await client.GET("/v1/treatments", {
      querySerializer: () => nextUrl.searchParams.toString(),
    });
    assert.equal(second.error, undefined, `unexpected problem from ${second.response.url}`);
    assert.equal(second.response.url, nextUrl.href);
    assert.ok(second.data);
    assert.equal(second.data.data.length, 1);
    const [a] = first.data.data;
    const [b] = second.data.data;
    assert.ok(a && b);
    assertTreatment(b, `second page ${b.slug}`);
    assert.notEqual(a.slug, b.slug, "the second page repeats the first");
    assert.ok(a.evidence_level <= b.evidence_level, `${a.slug} then ${b.slug}: not ordered by evidence level`);
  });
});

describe("associated features", () => {
  it("gets digital ulcers with typed study-level evidence", async () => {
    const { data, error, response } = await client.GET("/v1/associated-features/{slug}", {
      params: { path: { slug: "digital-ulcers" } },
    });
    assert.equal(error, undefined, `unexpected problem from ${response.url}`);
    assert.ok(data);
    assert.equal(data.slug, "digital-ulcers");
    const category: Schemas["FeatureCategory"] = "vascular";
    assert.equal(data.category, category);
    assert.equal(data.in_review, true);
    assert.ok(data.evidence.length > 0, "digital ulcers have evidence");
    data.evidence.forEach((finding, i) => {
      assertFinding(finding, `digital-ulcers evidence[${i}]`);
      // Findings about an associated feature have a direction and no treatment outcome.
      const direction: Finding["direction"] = finding.direction;
      assert.ok(direction === "positive" || direction === "negative" || direction === "none", `direction ${direction}`);
      assert.equal(finding.outcome, null);
    });
    // At least one study gives an adjusted effect size with its confidence interval.
    const sized = data.evidence.filter(
      (finding) =>
        (finding.measure === "odds_ratio" || finding.measure === "hazard_ratio") && finding.adjusted === true,
    );
    assert.ok(sized.length > 0, "digital ulcers have an adjusted odds or hazard ratio");
    for (const finding of sized) {
      const { estimate, ci_low: low, ci_high: high } = finding;
      assert.ok(estimate !== null && estimate > 0, `estimate ${estimate}`);
      if (low !== null && high !== null) {
        assert.ok(low <= estimate && estimate <= high, `${estimate} outside [${low}, ${high}]`);
      }
      assert.ok(finding.n_ssc === null || finding.n_ssc >= 1, `n_ssc ${finding.n_ssc}`);
    }
    // Each cited source appears once in `sources`.
    const cited = new Set(data.evidence.map((finding) => finding.source.slug));
    assert.deepEqual(new Set(data.sources.map((source) => source.slug)), cited);
  });
});

describe("findings", () => {
  it("lists the findings about one record, filtered, and gets one by id", async () => {
    const subjectType: Schemas["SubjectType"] = "associated_feature";
    const { data, error, response } = await client.GET("/v1/findings", {
      params: { query: { subject_type: subjectType, subject: "digital-ulcers", limit: 200 } },
    });
    assert.equal(error, undefined, `unexpected problem from ${response.url}`);
    assert.ok(data);
    assert.ok(data.data.length > 0, "digital ulcers have findings");
    assert.equal(data.next, null);
    data.data.forEach((finding, i) => {
      assertFinding(finding, `findings[${i}]`);
      assert.ok(Number.isInteger(finding.id) && finding.id >= 1, `id ${finding.id}`);
      assert.equal(finding.subject.type, subjectType);
      assert.equal(finding.subject.slug, "digital-ulcers");
      assert.equal(finding.subject.name, "Digital ulcers");
    });
    const ids = data.data.map((finding) => finding.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), "findings are ordered by id");

    // The same findings are the feature's evidence.
    const feature = await client.GET("/v1/associated-features/{slug}", {
      params: { path: { slug: "digital-ulcers" } },
    });
    assert.ok(feature.data);
    assert.deepEqual(new Set(feature.data.evidence.map((finding) => finding.id)), new Set(ids));

    // Another filter: only the odds ratios, a subset.
    const odds = await client.GET("/v1/findings", {
      params: { query: { subject: "digital-ulcers", measure: "odds_ratio" } },
    });
    assert.ok(odds.data);
    assert.ok(odds.data.data.length > 0, "digital ulcers have an odds ratio");
    for (const finding of odds.data.data) {
      assert.equal(finding.measure, "odds_ratio");
      assert.ok(ids.includes(finding.id), `finding ${finding.id} is not about digital ulcers`);
    }

    const [first] = data.data;
    assert.ok(first);
    const one = await client.GET("/v1/findings/{id}", { params: { path: { id: first.id } } });
    assert.equal(one.error, undefined, `unexpected problem from ${one.response.url}`);
    assert.deepEqual(one.data, first);
  });
});

describe("problems", () => {
  it("answers 404 with a typed problem for an unknown slug", async () => {
    const { data, error, response } = await client.GET("/v1/treatments/{slug}", {
      params: { path: { slug: "no-such-treatment" } },
    });
    assert.equal(data, undefined);
    const problem = assertProblem(error, response, 404);
    assert.equal(problem.title, "Not Found");
    assert.equal(problem.param, undefined, "param is sent on 400 only");
  });

  it("answers 400 naming the parameter out of range", async () => {
    const { data, error, response } = await client.GET("/v1/associated-features", {
      params: { query: { limit: 500 } },
    });
    assert.equal(data, undefined);
    const problem = assertProblem(error, response, 400);
    assert.equal(problem.title, "Bad Request");
    assert.equal(problem.param, "limit");
  });
});
