import type { PhiKind } from './kinds.js';

/**
 * Fields whose whole value is PHI whatever it looks like (a name has no pattern). Keys are compared
 * lower-cased with `_`, `-`, `.` and spaces removed, so `date_of_birth`, `DateOfBirth` and
 * `date-of-birth` are one key. Generic keys such as `name` are deliberately absent: runbook
 * outputs use them for services and policies.
 */
const FIELDS: Readonly<Record<string, PhiKind>> = {
  // people
  patient: 'name',
  patientname: 'name',
  firstname: 'name',
  lastname: 'name',
  middlename: 'name',
  givenname: 'name',
  surname: 'name',
  fullname: 'name',
  displayname: 'name',
  contactname: 'name',
  guardian: 'name',
  guardianname: 'name',
  emergencycontact: 'name',
  owner: 'name',
  managedby: 'name',
  // accounts (a user name identifies a person as surely as their name)
  user: 'account',
  username: 'account',
  userid: 'account',
  samaccountname: 'account',
  userprincipalname: 'account',
  lastloggedonuser: 'account',
  lastlogonuser: 'account',
  loggedonuser: 'account',
  accountname: 'account',
  // identifiers
  mrn: 'mrn',
  medicalrecordnumber: 'mrn',
  patientid: 'mrn',
  patientnumber: 'mrn',
  chartnumber: 'mrn',
  ssn: 'ssn',
  socialsecuritynumber: 'ssn',
  dob: 'dob',
  dateofbirth: 'dob',
  birthdate: 'dob',
  birthday: 'dob',
  phone: 'phone',
  phonenumber: 'phone',
  telephone: 'phone',
  mobile: 'phone',
  cell: 'phone',
  fax: 'phone',
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  address: 'address',
  streetaddress: 'address',
  homeaddress: 'address',
  mailingaddress: 'address',
  postalcode: 'address',
  zip: 'address',
  zipcode: 'address',
  memberid: 'insurance_id',
  subscriberid: 'insurance_id',
  policynumber: 'insurance_id',
  insuranceid: 'insurance_id',
  groupnumber: 'insurance_id',
  medicareid: 'insurance_id',
  medicaidid: 'insurance_id',
  mbi: 'insurance_id',
  cardnumber: 'card',
  creditcard: 'card',
  pan: 'card',
};

export function phiKindOfField(key: string): PhiKind | undefined {
  return FIELDS[key.toLowerCase().replace(/[\s_.-]/g, '')];
}
