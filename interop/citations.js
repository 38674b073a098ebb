// Parses a bibliography with citation-js and prints its records as CSL-JSON fields, so that a
// Go test can compare them with the API's own JSON.
//
//   node citations.js csl|ris|bibtex FILE
'use strict'

const fs = require('fs')
const { Cite } = require('@citation-js/core')
require('@citation-js/plugin-bibtex')
require('@citation-js/plugin-ris')

// The input type each format is read as, so that citation-js does not guess.
const inputTypes = { csl: '@csl/list+object', ris: '@ris/file', bibtex: '@biblatex/text' }

const [format, file] = process.argv.slice(2)
if (!(format in inputTypes) || !file) {
  console.error('usage: node citations.js csl|ris|bibtex FILE')
  process.exit(2)
}
const text = fs.readFileSync(file, 'utf8')
const input = format === 'csl' ? JSON.parse(text) : text
const items = new Cite(input, { forceType: inputTypes[format] }).data

const fields = ['id', 'type', 'title', 'container-title', 'volume', 'issue', 'page', 'DOI', 'PMID', 'URL']
process.stdout.write(JSON.stringify(items.map((item) => {
  const out = {}
  for (const f of fields) {
    if (item[f] !== undefined) out[f] = String(item[f])
  }
  out.year = item.issued && item.issued['date-parts'] ? item.issued['date-parts'][0][0] : null
  out.author = (item.author || []).map((a) => ({
    family: a.family || '', given: a.given || '', suffix: a.suffix || '', literal: a.literal || ''
  }))
  return out
})))
