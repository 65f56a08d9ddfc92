import { authorize, can, toPrincipal } from './authz';
import type { Principal } from './common';

const SHATSK = 'UA07060450000051170';
const BAKHMACH = 'UA74040030000093042';
const partnerA: Principal = { keyId: 'a', role: 'partner', organization: 'org-a' };
const partnerB: Principal = { keyId: 'b', role: 'partner', organization: 'org-b' };
const editor: Principal = { keyId: 'e', role: 'editor' };
const shatskEditor: Principal = { keyId: 's', role: 'editor', communities: [SHATSK] };

describe('the authorisation rules', () => {
  it('lets a partner change only what its organisation owns, and never verify', () => {
    const own = { owner: 'org-a', communities: [SHATSK] };
    for (const action of ['update', 'delete', 'erase', 'readPersonal'] as const) {
      expect(can(partnerA, action, 'Organization', own)).toBe(true);
      expect(can(partnerB, action, 'Organization', own)).toBe(false);
      expect(can(partnerA, action, 'Organization', { communities: [SHATSK] })).toBe(false);
    }
    expect(can(partnerA, 'verify', 'Organization', own)).toBe(false);
    expect(can(partnerA, 'create', 'Organization', { owner: 'org-a' })).toBe(true);
    expect(can({ keyId: 'x', role: 'partner' }, 'update', 'Organization', {})).toBe(false);
  });

  it('limits a scoped editor to records of its communities', () => {
    expect(can(shatskEditor, 'update', 'Organization', { communities: [BAKHMACH] })).toBe(false);
    expect(can(shatskEditor, 'update', 'Organization', { communities: [BAKHMACH, SHATSK] })).toBe(true);
    expect(can(shatskEditor, 'delete', 'Link', { communities: [] })).toBe(false);
    expect(can(shatskEditor, 'readPersonal', 'Organization', { communities: [BAKHMACH] })).toBe(true);
    expect(can(editor, 'update', 'Organization', { communities: [BAKHMACH] })).toBe(true);
    expect(can(editor, 'verify', 'Organization', {})).toBe(true);
  });

  it('keeps imports for editors and admins', () => {
    for (const role of ['partner', 'analyst', 'reader', 'anonymous'] as const) {
      expect(can({ keyId: 'k', role, organization: 'o' }, 'import', 'HostStats')).toBe(false);
      expect(() => authorize({ keyId: 'k', role }, 'import', 'BudgetImport')).toThrow(/needs editor or admin/);
    }
    expect(can(editor, 'import', 'BudgetImport')).toBe(true);
    expect(can({ keyId: 'k', role: 'admin' }, 'import', 'HostStats')).toBe(true);
  });

  it('gives readers, analysts and anonymous callers public fields only', () => {
    for (const role of ['reader', 'analyst', 'anonymous'] as const) {
      expect(can({ keyId: 'k', role }, 'readPersonal', 'Organization', { owner: 'org-a' })).toBe(false);
      expect(can({ keyId: 'k', role }, 'create', 'Organization', {})).toBe(false);
    }
  });

  it('reads a principal header strictly: none stays none, a malformed one is anonymous', () => {
    expect(toPrincipal(undefined)).toBeUndefined();
    expect(toPrincipal({ keyId: 'k', role: 'root' })).toMatchObject({ role: 'anonymous' });
    expect(toPrincipal('admin')).toMatchObject({ role: 'anonymous' });
    expect(toPrincipal({ keyId: 'k', role: 'editor', communities: [SHATSK, 7], organization: 3 })).toEqual({ keyId: 'k', role: 'editor', communities: [SHATSK] });
  });
});

describe('report schedules and webhooks', () => {
  it('belong to the key’s organisation, or to the key itself when it has none', () => {
    const analyst = { keyId: 'k1', role: 'analyst' as const, organization: 'org-a' };
    expect(can(analyst, 'create', 'ReportSchedule')).toBe(true);
    expect(can(analyst, 'delete', 'ReportSchedule', { owner: 'org-a' })).toBe(true);
    expect(can(analyst, 'delete', 'ReportSchedule', { owner: 'org-b' })).toBe(false);
    const loneAnalyst = { keyId: 'k2', role: 'analyst' as const };
    expect(can(loneAnalyst, 'update', 'ReportSchedule', { createdBy: 'k2' })).toBe(true);
    expect(can(loneAnalyst, 'update', 'ReportSchedule', { createdBy: 'k1' })).toBe(false);
    expect(can({ keyId: 'r', role: 'reader' }, 'create', 'ReportSchedule')).toBe(false);
    const partner = { keyId: 'p', role: 'partner' as const, organization: 'org-p' };
    expect(can(partner, 'create', 'Webhook')).toBe(true);
    expect(can(partner, 'delete', 'Webhook', { owner: 'org-p' })).toBe(true);
    expect(can(partner, 'delete', 'Webhook', { owner: 'org-q' })).toBe(false);
    expect(can(analyst, 'create', 'Webhook')).toBe(false);
    expect(can({ keyId: 'a', role: 'admin' }, 'delete', 'Webhook', { owner: 'org-q' })).toBe(true);
  });
});
