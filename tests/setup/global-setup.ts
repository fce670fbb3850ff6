/** Test-wide setup: the fast KDF for vaults the tests create (headers record profile "test"). */
export default function setup(): void {
  process.env.SAKTA_TEST_FAST_KDF = '1';
}
