export { type ResultShape, resultValidator } from './result.js';
export {
  insertValidator,
  type ObjectValidator,
  type SelectFields,
  selectValidator,
  type UpdateModel,
  updateValidator,
  type ValidatorOptions,
} from './table.js';
