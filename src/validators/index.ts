export { type ResultShape, resultValidator } from './result.js';
export {
  type FieldValidators,
  insertValidator,
  type ObjectValidator,
  type SelectFields,
  selectValidator,
  type UpdateModel,
  updateValidator,
  type ValidatorOptions,
} from './table.js';
