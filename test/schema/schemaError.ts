import { isOrmError } from '../../src/index';

/** The OrmError `fn` throws (code, message, table); fails when it throws none. */
export function schemaError(fn: () => unknown): { code: string; message: string; table?: string } {
  try {
    fn();
  } catch (error) {
    if (isOrmError(error)) return { code: error.code, message: error.message, table: error.table };
    throw error;
  }
  throw new Error('expected an OrmError');
}
