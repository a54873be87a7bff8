// The gate: wire-breaking findings need a major changeset of the spec package (clients on the wire
// break), types-breaking ones a major changeset of the generated-types package (code compiled
// against the types breaks). A major of a package fixed with the required one counts, because
// changesets bumps the whole group. Each verdict is decided and explained on its own, so a rename
// that is wire-safe and types-breaking asks for exactly the changeset it needs.

import type { Finding } from '../model.js';

export interface GatePolicy {
  failOn: 'breaking' | 'warning';
  /** Package whose major bump accepts wire-breaking changes. */
  wirePackage: string;
  /** Package whose major bump accepts types-breaking changes; undefined: types verdicts do not gate. */
  typesPackage?: string | undefined;
}

export interface Verdict {
  /** Findings that need the package's major bump. */
  blocking: number;
  package: string;
  /** Changesets that give it (or its fixed group) a major bump. */
  acceptedBy: string[];
}

export interface Gate {
  passed: boolean;
  message: string;
  wire: Verdict;
  types?: Verdict;
}

/** `majorsFor(pkg)`: the pending changesets that give `pkg` or a package fixed with it a major bump. */
export function decideGate(findings: Finding[], policy: GatePolicy, majorsFor: (pkg: string) => string[]): Gate {
  const wireBlocking = findings.filter(
    (f) => f.severity === 'breaking' || (policy.failOn === 'warning' && f.severity === 'warning'),
  ).length;
  const wire: Verdict = {
    blocking: wireBlocking,
    package: policy.wirePackage,
    acceptedBy: wireBlocking ? majorsFor(policy.wirePackage) : [],
  };
  const gate: Gate = { passed: true, message: '', wire };
  const lines: string[] = [];
  const what = policy.failOn === 'warning' ? 'wire-breaking change(s) or warning(s)' : 'wire-breaking change(s)';
  if (!wireBlocking)
    lines.push(`No ${policy.failOn === 'warning' ? 'wire-breaking changes or warnings' : 'wire-breaking changes'}.`);
  else if (wire.acceptedBy.length)
    lines.push(`${wireBlocking} ${what} accepted: ${wire.acceptedBy.join(', ')} gives ${wire.package} a major bump.`);
  else {
    gate.passed = false;
    lines.push(
      `${wireBlocking} ${what} and no pending changeset gives ${wire.package} a major bump. Restore compatibility, or run \`pnpm changeset\` and choose "major" for ${wire.package}.`,
    );
  }
  if (policy.typesPackage) {
    const typesBlocking = findings.filter((f) => f.types === 'breaking').length;
    const types: Verdict = {
      blocking: typesBlocking,
      package: policy.typesPackage,
      acceptedBy: typesBlocking ? majorsFor(policy.typesPackage) : [],
    };
    gate.types = types;
    if (!typesBlocking) lines.push('No types-breaking changes.');
    else if (types.acceptedBy.length)
      lines.push(
        `${typesBlocking} types-breaking change(s) accepted: ${types.acceptedBy.join(', ')} gives ${types.package} a major bump.`,
      );
    else {
      gate.passed = false;
      lines.push(
        `${typesBlocking} types-breaking change(s) (generated type names or shapes that old code uses) and no pending changeset gives ${types.package} a major bump. Keep the old names, or run \`pnpm changeset\` and choose "major" for ${types.package}.`,
      );
    }
  }
  gate.message = lines.join(' ');
  return gate;
}
