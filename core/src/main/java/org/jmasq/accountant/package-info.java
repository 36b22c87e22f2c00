/**
 * The Accountant's pure logic: exact wei amounts, charges per package, payment thresholds and the
 * delinquency maths, and the payment adjuster; no JDBC, no web3j, no sockets, and time comes from
 * an injected clock.
 */
package org.jmasq.accountant;
