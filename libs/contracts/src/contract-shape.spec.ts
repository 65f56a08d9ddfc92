import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import * as contracts from './index';
import { Operation } from './operation';

type Ctor = new (...args: never[]) => unknown;

interface SwaggerProperty {
  required?: boolean;
  type?: unknown;
}

/** Every request class of every operation, and every class nested in one (through its OpenAPI metadata). */
function requestClasses(): Ctor[] {
  const seen = new Set<Ctor>();
  const visit = (cls: Ctor) => {
    if (seen.has(cls)) return;
    seen.add(cls);
    for (const [, meta] of swaggerProperties(cls)) {
      let t = meta.type;
      if (Array.isArray(t)) t = t[0];
      // lazy type functions: () => Class (a class itself has a prototype; an arrow function does not)
      if (typeof t === 'function' && !t.prototype) t = (t as () => unknown)();
      if (Array.isArray(t)) t = t[0];
      if (typeof t === 'function' && t.prototype && Reflect.getMetadata('swagger/apiModelPropertiesArray', t.prototype)) visit(t as Ctor);
    }
  };
  for (const [name, ops] of Object.entries(contracts)) {
    if (!name.endsWith('_OPS')) continue;
    for (const o of Object.values(ops as Record<string, Operation<unknown, unknown>>)) if (o.request) visit(o.request as Ctor);
  }
  return [...seen];
}

function swaggerProperties(cls: Ctor): Array<[string, SwaggerProperty]> {
  const names: string[] = Reflect.getMetadata('swagger/apiModelPropertiesArray', cls.prototype) ?? [];
  return names.map((n) => n.replace(/^:/, '')).map((n) => [n, Reflect.getMetadata('swagger/apiModelProperties', cls.prototype, n) ?? {}]);
}

/** Properties that class-validator skips when absent (@IsOptional, own or inherited). */
function optionalByValidation(cls: Ctor): Set<string> {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return new Set(metas.filter((m) => m.type === 'conditionalValidation' && m.name === 'isOptional').map((m) => m.propertyName));
}

describe('request contracts', () => {
  const classes = requestClasses();

  it('are found through the operations (the walk reaches nested classes)', () => {
    const names = classes.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['CreateConsultationRequest', 'NewConsultation', 'Question', 'NewConcept', 'NewOrganization']));
  });

  it('enforce exactly the fields the API documents as required, and let the optional ones be absent', () => {
    const disagreements: string[] = [];
    for (const cls of classes) {
      const optional = optionalByValidation(cls);
      for (const [prop, meta] of swaggerProperties(cls)) {
        const documentedRequired = meta.required !== false;
        if (documentedRequired === optional.has(prop))
          disagreements.push(`${cls.name}.${prop}: documented ${documentedRequired ? 'required' : 'optional'}, validated as ${optional.has(prop) ? 'optional' : 'required'}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('refuse an empty object naming every required field, and no optional one', () => {
    const disagreements: string[] = [];
    for (const cls of classes) {
      const refused = new Set(validateSync(plainToInstance(cls, {}) as object).map((e) => e.property));
      for (const [prop, meta] of swaggerProperties(cls)) {
        const documentedRequired = meta.required !== false;
        if (documentedRequired !== refused.has(prop))
          disagreements.push(`${cls.name}.${prop}: documented ${documentedRequired ? 'required' : 'optional'}, ${refused.has(prop) ? 'refused' : 'accepted'} when absent`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
