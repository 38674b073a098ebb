// Validates FHIR resources against the official FHIR R5 definitions (the hl7.fhir.r5.core
// package): the R5 JSON Schema, checked with ajv; then, from the StructureDefinitions of each
// resource and of the datatypes it uses, the minimum cardinalities (which the schema cannot
// state for primitives), the required bindings to value sets the package defines, and the
// invariants (FHIRPath constraints), evaluated with fhirpath.js and its R5 model. Resources
// inside a Bundle are validated as resources too.
//
//   node validate-fhir.js FILE...   (each FILE holds one resource)
//
// Prints a JSON array with, for each file, the errors found, the number of invariants
// evaluated, and the invariants that fhirpath.js could not evaluate (which are not counted as
// passed or failed).
'use strict'

const fs = require('fs')
const path = require('path')
const Ajv = require('ajv')
const fhirpath = require('fhirpath')
const r5 = require('fhirpath/fhir-context/r5')

const core = path.dirname(require.resolve('hl7.fhir.r5.core/package.json'))
const read = (name) => JSON.parse(fs.readFileSync(path.join(core, name), 'utf8'))

// The R5 schema writes one pattern (decimal's) that only compiles without the unicode flag.
const schema = read('openapi/fhir.schema.json')
delete schema.id
delete schema.$schema
schema.$id = 'fhir'
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })
ajv.addSchema(schema)

const definitions = new Map()
function definition (type) {
  if (!definitions.has(type)) {
    const file = path.join(core, `StructureDefinition-${type}.json`)
    definitions.set(type, fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null)
  }
  return definitions.get(type)
}

const valueSets = new Map()
const codeSystems = new Map()
for (const file of fs.readdirSync(core)) {
  if (file.startsWith('ValueSet-')) {
    const vs = read(file)
    valueSets.set(vs.url, vs)
  } else if (file.startsWith('CodeSystem-')) {
    const cs = read(file)
    codeSystems.set(cs.url, cs)
  }
}

// expand returns the codes of a value set as "system|code" strings, or null when the package
// cannot tell (a filter, or a code system it does not hold in full).
function expand (canonical, seen = new Set()) {
  const url = canonical.split('|')[0]
  const vs = valueSets.get(url)
  if (!vs || !vs.compose || seen.has(url)) return null
  seen.add(url)
  const codes = new Set()
  for (const include of vs.compose.include) {
    if (include.filter || include.valueSet) return null
    if (include.concept) {
      for (const c of include.concept) codes.add(`${include.system}|${c.code}`)
      continue
    }
    const cs = codeSystems.get(include.system)
    if (!cs || cs.content !== 'complete') return null
    const walk = (concepts) => {
      for (const c of concepts || []) {
        codes.add(`${include.system}|${c.code}`)
        walk(c.concept)
      }
    }
    walk(cs.concept)
  }
  for (const exclude of vs.compose.exclude || []) {
    for (const c of exclude.concept || []) codes.delete(`${exclude.system}|${c.code}`)
  }
  return codes
}

// checkBinding checks values of an element bound to a value set with required strength.
function checkBinding (element, full, resource, report) {
  const binding = element.binding
  if (!binding || binding.strength !== 'required' || !binding.valueSet) return
  const types = (element.type || []).map((t) => t.code)
  if (!types.some((t) => ['code', 'Coding', 'CodeableConcept'].includes(t))) return
  const codes = expand(binding.valueSet)
  if (!codes) {
    report.skipped.add(`binding ${binding.valueSet}: not expandable from the package`)
    return
  }
  const inSet = (code) => [...codes].some((c) => c.endsWith(`|${code}`))
  for (const value of evaluate(resource, full)) {
    let ok
    if (typeof value === 'string') {
      ok = inSet(value)
    } else if (value && value.coding !== undefined) {
      ok = value.coding.some((c) => codes.has(`${c.system}|${c.code}`))
    } else if (value && value.code !== undefined) {
      ok = codes.has(`${value.system}|${value.code}`)
    } else {
      continue
    }
    report.bindings++
    if (!ok) report.errors.push(`${full}: ${JSON.stringify(value)} is not in the required value set ${binding.valueSet}`)
  }
}

// evaluate runs a FHIRPath expression on a whole resource, so that fhirpath.js types every
// node by its path from the root.
function evaluate (resource, expression) {
  // Some invariants call trace(), which would print into the report.
  return fhirpath.evaluate(resource, expression, { resource, rootResource: resource }, r5, { traceFn: () => {} })
}

// checkInvariants evaluates the constraints of the StructureDefinition of type at the elements
// found at base in resource, then those of the datatypes of its elements, where data is there.
function checkInvariants (type, base, resource, report) {
  const sd = definition(type)
  if (!sd || !sd.snapshot) return
  for (const element of sd.snapshot.element) {
    if (element.path.includes('[x]')) continue
    const full = [base, ...element.path.split('.').slice(1)].join('.')
    let present
    try {
      present = evaluate(resource, `${full}.exists()`)[0] === true
    } catch (e) {
      report.skipped.add(`${full}: ${e.message}`)
      continue
    }
    // A required child must be there wherever its parent is.
    const parts = full.split('.')
    if (element.min > 0 && parts.length > 1 && !element.path.includes('[x]')) {
      const parent = parts.slice(0, -1).join('.')
      const name = parts[parts.length - 1]
      const counts = evaluate(resource, `${parent}.select(${name}.count() >= ${element.min})`)
      report.evaluated += counts.length
      if (counts.some((ok) => ok !== true)) {
        report.errors.push(`${full}: at least ${element.min} required (cardinality ${element.min}..${element.max})`)
      }
    }
    if (!present) continue
    checkBinding(element, full, resource, report)
    for (const c of element.constraint || []) {
      if (!c.expression || c.severity !== 'error') continue
      let results
      try {
        // One result per node at the path; an empty one counts as passing.
        results = evaluate(resource, `${full}.select(${c.expression})`)
      } catch (e) {
        report.skipped.add(`${c.key}: ${e.message}`)
        continue
      }
      report.evaluated++
      if (results.some((r) => r !== true)) {
        report.errors.push(`${full}: invariant ${c.key} fails: ${c.human} (${c.expression})`)
      }
    }
    // The datatypes' own invariants, on the values this element holds.
    for (const t of element.type || []) {
      const tsd = definition(t.code)
      if (full !== base && tsd && tsd.kind === 'complex-type' && !['Element', 'BackboneElement'].includes(t.code)) {
        checkInvariants(t.code, full, resource, report)
      }
    }
  }
}

function validateResource (resource, where, results) {
  const report = { file: where, resourceType: resource.resourceType, errors: [], evaluated: 0, bindings: 0, skipped: new Set() }
  const validate = ajv.getSchema(`fhir#/definitions/${resource.resourceType}`)
  if (!validate) {
    report.errors.push(`no R5 resource type ${JSON.stringify(resource.resourceType)}`)
  } else if (!validate(resource)) {
    for (const e of validate.errors) {
      report.errors.push(`schema: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`)
    }
  }
  if (validate) checkInvariants(resource.resourceType, resource.resourceType, resource, report)
  results.push({ ...report, skipped: [...report.skipped] })
  for (const [i, entry] of (resource.entry || []).entries()) {
    if (entry.resource) validateResource(entry.resource, `${where}#entry[${i}]`, results)
  }
}

const results = []
for (const file of process.argv.slice(2)) {
  validateResource(JSON.parse(fs.readFileSync(file, 'utf8')), file, results)
}
process.stdout.write(JSON.stringify(results))
