import { describe, expect, it } from 'vitest';
import { commitmentFigures, firstCommitmentBreach, type CommitmentFact, type LedgerFact } from './commitment.rules.ts';

const line = [{ category: 'operating' as const, amount: 100000n }];

describe('the commitment limit', () => {
  it('uncommitted = allocation - committed - disbursed without a commitment', () => {
    const ledger: LedgerFact[] = [
      { kind: 'disbursement', date: '2016-01-05', amount: 30000n, category: 'operating' },
      { kind: 'disbursement', date: '2016-01-20', amount: 40000n, category: 'operating', againstCommitment: true },
      { kind: 'adjustment', date: '2016-01-25', amount: 5000n, category: 'operating' },
    ];
    const commitments: CommitmentFact[] = [{ date: '2016-01-10', amount: 60000n, category: 'operating' }];
    expect(commitmentFigures(100000n, ledger, commitments, '2016-01-09', 'operating')).toEqual({
      allocated: 100000n,
      committed: 0n,
      disbursed: 30000n,
      disbursedAgainstCommitments: 0n,
      uncommitted: 70000n,
    });
    expect(commitmentFigures(100000n, ledger, commitments, '2016-01-31', 'operating')).toEqual({
      allocated: 105000n,
      committed: 60000n,
      disbursed: 70000n,
      disbursedAgainstCommitments: 40000n,
      uncommitted: 15000n,
    });
    expect(firstCommitmentBreach(line, ledger, commitments)).toBeNull();
  });

  it('refuses a commitment above the uncommitted balance, on its date or later', () => {
    const ledger: LedgerFact[] = [{ kind: 'disbursement', date: '2016-01-05', amount: 30000n, category: 'operating' }];
    const exactly: CommitmentFact[] = [{ date: '2016-01-10', amount: 70000n, category: 'operating' }];
    expect(firstCommitmentBreach(line, ledger, exactly)).toBeNull();
    const above: CommitmentFact[] = [{ date: '2016-01-10', amount: 70001n, category: 'operating' }];
    expect(firstCommitmentBreach(line, ledger, above)).toMatchObject({ date: '2016-01-10', category: 'operating', figures: { uncommitted: -1n } });
    // a later cut of the allocation breaks an earlier commitment
    const cut: LedgerFact[] = [...ledger, { kind: 'adjustment', date: '2016-02-01', amount: -1n, category: 'operating' }];
    expect(firstCommitmentBreach(line, cut, exactly)).toMatchObject({ date: '2016-02-01', figures: { allocated: 99999n, uncommitted: -1n } });
  });

  it('counts each category against its own line', () => {
    const lines = [...line, { category: 'investment' as const, amount: 50000n }];
    const commitments: CommitmentFact[] = [
      { date: '2016-01-10', amount: 100000n, category: 'operating' },
      { date: '2016-01-11', amount: 50001n, category: 'investment' },
    ];
    expect(firstCommitmentBreach(lines, [], commitments)).toMatchObject({ date: '2016-01-11', category: 'investment' });
    expect(commitmentFigures(150000n, [], commitments, '2016-01-31', null)).toMatchObject({ committed: 150001n, uncommitted: -1n });
  });
});
