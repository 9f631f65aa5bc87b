// @vitest-environment node
// `--team`, `--project` and `--dev-deployment` go with `--configure` to `dev`'s first push only
// (Convex refuses them without `--configure`).
import { describe, expect, it } from 'vitest';
import { devArguments } from '../../../src/cli/deploymentTarget';

describe('devArguments: --configure and its companions', () => {
  it('--team / --project / --dev-deployment go with --configure to the first push only', () => {
    const { push, watch } = devArguments([
      '--configure',
      'new',
      '--team',
      'acme',
      '--project',
      'shop',
      '--dev-deployment',
      'cloud',
      '--typecheck',
      'disable',
    ]);
    expect(push).toEqual([
      '--configure',
      'new',
      '--team',
      'acme',
      '--project',
      'shop',
      '--dev-deployment',
      'cloud',
      '--typecheck',
      'disable',
    ]);
    expect(watch).toEqual(['--typecheck', 'disable']);
  });

  it('the --name=value forms too', () => {
    const { watch } = devArguments(['--configure=existing', '--team=acme', '--project=shop', '--dev-deployment=local']);
    expect(watch).toEqual([]);
  });
});
