import type { BudgetAmounts, ExpenditureClassification } from '@vidnova/contracts';
import { add, zero } from './figures';

export interface TreeNode {
  code: string;
  name: string | null;
  amounts: BudgetAmounts;
  children: TreeNode[];
}

/** Group codes above a leaf code, from the broadest. */
export function ancestors(classification: ExpenditureClassification, code: string): string[] {
  let chain: string[];
  switch (classification) {
    case 'economic':
      chain = [`${code[0]}000`, `${code.slice(0, 2)}00`, `${code.slice(0, 3)}0`];
      break;
    case 'functional':
      chain = [`${code.slice(0, 2)}00`, `${code.slice(0, 3)}0`];
      break;
    case 'program':
      if (code.length === 7) {
        const unit = code.slice(0, 3);
        const t = code.slice(3);
        chain = [`${unit}0000`, `${unit}${t[0]}000`, `${unit}${t.slice(0, 3)}0`];
      } else chain = [`${code[0]}000`, `${code.slice(0, 3)}0`];
      break;
  }
  return [...new Set(chain)].filter((c) => c !== code);
}

/**
 * Builds the classification tree from leaf figures; every parent is the sum of its children, so
 * the roots add up to the total.
 */
export function buildTree(
  classification: ExpenditureClassification,
  leaves: Map<string, BudgetAmounts>,
  nameOf: (code: string) => string | null,
): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  const roots: TreeNode[] = [];
  const node = (code: string, parent: TreeNode | null): TreeNode => {
    let n = nodes.get(code);
    if (!n) {
      n = { code, name: nameOf(code), amounts: zero(), children: [] };
      nodes.set(code, n);
      (parent ? parent.children : roots).push(n);
    }
    return n;
  };
  for (const [code, amounts] of [...leaves].sort(([a], [b]) => a.localeCompare(b))) {
    let parent: TreeNode | null = null;
    const path: TreeNode[] = [];
    for (const a of ancestors(classification, code)) {
      parent = node(a, parent);
      path.push(parent);
    }
    const leaf = node(code, parent);
    leaf.amounts = add(leaf.amounts, amounts);
    for (const p of path) p.amounts = add(p.amounts, amounts);
  }
  return roots;
}
