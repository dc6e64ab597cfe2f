/**
 * The loaded cost of an FTE-year lives in src/investment/ (the investment's pricing needs it
 * while a scenario loads, below src/scenario/); staff's cost.csv uses the same function.
 */
export { fteCost, type CostLine } from '../investment/fteCost.js';
