import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  LINE_CONTROL,
  identityAudience,
  renderCommitMessage
} from "./chunk-N4WKYIF2.js";
import {
  checkBranchName,
  offsetOf,
  parseYamlStream,
  require_dist
} from "./chunk-P774GGE4.js";
import {
  MAX_FILE_BYTES,
  MAX_FOLDER_BYTES,
  MAX_FOLDER_FILES,
  displayOf,
  gitEnvironment,
  inputRef,
  inputRefStart,
  isInside,
  kindOf,
  notRegular,
  readOptionalServiceFile,
  readServiceBytes,
  realRoot,
  resolveInside,
  resolveServiceFolder,
  size
} from "./chunk-BEPZNKYW.js";
import {
  UserError,
  __commonJS,
  __toESM
} from "./chunk-763CVXX6.js";

// node_modules/bottleneck/light.js
var require_light = __commonJS({
  "node_modules/bottleneck/light.js"(exports2, module2) {
    (function(global2, factory) {
      typeof exports2 === "object" && typeof module2 !== "undefined" ? module2.exports = factory() : typeof define === "function" && define.amd ? define(factory) : global2.Bottleneck = factory();
    })(exports2, (function() {
      "use strict";
      var commonjsGlobal = typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : typeof global !== "undefined" ? global : typeof self !== "undefined" ? self : {};
      function getCjsExportFromNamespace(n) {
        return n && n["default"] || n;
      }
      var load = function(received, defaults, onto = {}) {
        var k, ref, v;
        for (k in defaults) {
          v = defaults[k];
          onto[k] = (ref = received[k]) != null ? ref : v;
        }
        return onto;
      };
      var overwrite = function(received, defaults, onto = {}) {
        var k, v;
        for (k in received) {
          v = received[k];
          if (defaults[k] !== void 0) {
            onto[k] = v;
          }
        }
        return onto;
      };
      var parser2 = {
        load,
        overwrite
      };
      var DLList;
      DLList = class DLList {
        constructor(incr, decr) {
          this.incr = incr;
          this.decr = decr;
          this._first = null;
          this._last = null;
          this.length = 0;
        }
        push(value) {
          var node;
          this.length++;
          if (typeof this.incr === "function") {
            this.incr();
          }
          node = {
            value,
            prev: this._last,
            next: null
          };
          if (this._last != null) {
            this._last.next = node;
            this._last = node;
          } else {
            this._first = this._last = node;
          }
          return void 0;
        }
        shift() {
          var value;
          if (this._first == null) {
            return;
          } else {
            this.length--;
            if (typeof this.decr === "function") {
              this.decr();
            }
          }
          value = this._first.value;
          if ((this._first = this._first.next) != null) {
            this._first.prev = null;
          } else {
            this._last = null;
          }
          return value;
        }
        first() {
          if (this._first != null) {
            return this._first.value;
          }
        }
        getArray() {
          var node, ref, results;
          node = this._first;
          results = [];
          while (node != null) {
            results.push((ref = node, node = node.next, ref.value));
          }
          return results;
        }
        forEachShift(cb) {
          var node;
          node = this.shift();
          while (node != null) {
            cb(node), node = this.shift();
          }
          return void 0;
        }
        debug() {
          var node, ref, ref1, ref2, results;
          node = this._first;
          results = [];
          while (node != null) {
            results.push((ref = node, node = node.next, {
              value: ref.value,
              prev: (ref1 = ref.prev) != null ? ref1.value : void 0,
              next: (ref2 = ref.next) != null ? ref2.value : void 0
            }));
          }
          return results;
        }
      };
      var DLList_1 = DLList;
      var Events2;
      Events2 = class Events {
        constructor(instance) {
          this.instance = instance;
          this._events = {};
          if (this.instance.on != null || this.instance.once != null || this.instance.removeAllListeners != null) {
            throw new Error("An Emitter already exists for this object");
          }
          this.instance.on = (name2, cb) => {
            return this._addListener(name2, "many", cb);
          };
          this.instance.once = (name2, cb) => {
            return this._addListener(name2, "once", cb);
          };
          this.instance.removeAllListeners = (name2 = null) => {
            if (name2 != null) {
              return delete this._events[name2];
            } else {
              return this._events = {};
            }
          };
        }
        _addListener(name2, status, cb) {
          var base;
          if ((base = this._events)[name2] == null) {
            base[name2] = [];
          }
          this._events[name2].push({ cb, status });
          return this.instance;
        }
        listenerCount(name2) {
          if (this._events[name2] != null) {
            return this._events[name2].length;
          } else {
            return 0;
          }
        }
        async trigger(name2, ...args) {
          var e, promises;
          try {
            if (name2 !== "debug") {
              this.trigger("debug", `Event triggered: ${name2}`, args);
            }
            if (this._events[name2] == null) {
              return;
            }
            this._events[name2] = this._events[name2].filter(function(listener) {
              return listener.status !== "none";
            });
            promises = this._events[name2].map(async (listener) => {
              var e2, returned;
              if (listener.status === "none") {
                return;
              }
              if (listener.status === "once") {
                listener.status = "none";
              }
              try {
                returned = typeof listener.cb === "function" ? listener.cb(...args) : void 0;
                if (typeof (returned != null ? returned.then : void 0) === "function") {
                  return await returned;
                } else {
                  return returned;
                }
              } catch (error) {
                e2 = error;
                {
                  this.trigger("error", e2);
                }
                return null;
              }
            });
            return (await Promise.all(promises)).find(function(x) {
              return x != null;
            });
          } catch (error) {
            e = error;
            {
              this.trigger("error", e);
            }
            return null;
          }
        }
      };
      var Events_1 = Events2;
      var DLList$1, Events$1, Queues;
      DLList$1 = DLList_1;
      Events$1 = Events_1;
      Queues = class Queues {
        constructor(num_priorities) {
          var i;
          this.Events = new Events$1(this);
          this._length = 0;
          this._lists = (function() {
            var j, ref, results;
            results = [];
            for (i = j = 1, ref = num_priorities; 1 <= ref ? j <= ref : j >= ref; i = 1 <= ref ? ++j : --j) {
              results.push(new DLList$1((() => {
                return this.incr();
              }), (() => {
                return this.decr();
              })));
            }
            return results;
          }).call(this);
        }
        incr() {
          if (this._length++ === 0) {
            return this.Events.trigger("leftzero");
          }
        }
        decr() {
          if (--this._length === 0) {
            return this.Events.trigger("zero");
          }
        }
        push(job) {
          return this._lists[job.options.priority].push(job);
        }
        queued(priority) {
          if (priority != null) {
            return this._lists[priority].length;
          } else {
            return this._length;
          }
        }
        shiftAll(fn) {
          return this._lists.forEach(function(list) {
            return list.forEachShift(fn);
          });
        }
        getFirst(arr = this._lists) {
          var j, len, list;
          for (j = 0, len = arr.length; j < len; j++) {
            list = arr[j];
            if (list.length > 0) {
              return list;
            }
          }
          return [];
        }
        shiftLastFrom(priority) {
          return this.getFirst(this._lists.slice(priority).reverse()).shift();
        }
      };
      var Queues_1 = Queues;
      var BottleneckError;
      BottleneckError = class BottleneckError extends Error {
      };
      var BottleneckError_1 = BottleneckError;
      var BottleneckError$1, DEFAULT_PRIORITY, Job, NUM_PRIORITIES, parser$1;
      NUM_PRIORITIES = 10;
      DEFAULT_PRIORITY = 5;
      parser$1 = parser2;
      BottleneckError$1 = BottleneckError_1;
      Job = class Job {
        constructor(task, args, options2, jobDefaults, rejectOnDrop, Events3, _states, Promise2) {
          this.task = task;
          this.args = args;
          this.rejectOnDrop = rejectOnDrop;
          this.Events = Events3;
          this._states = _states;
          this.Promise = Promise2;
          this.options = parser$1.load(options2, jobDefaults);
          this.options.priority = this._sanitizePriority(this.options.priority);
          if (this.options.id === jobDefaults.id) {
            this.options.id = `${this.options.id}-${this._randomIndex()}`;
          }
          this.promise = new this.Promise((_resolve, _reject) => {
            this._resolve = _resolve;
            this._reject = _reject;
          });
          this.retryCount = 0;
        }
        _sanitizePriority(priority) {
          var sProperty;
          sProperty = ~~priority !== priority ? DEFAULT_PRIORITY : priority;
          if (sProperty < 0) {
            return 0;
          } else if (sProperty > NUM_PRIORITIES - 1) {
            return NUM_PRIORITIES - 1;
          } else {
            return sProperty;
          }
        }
        _randomIndex() {
          return Math.random().toString(36).slice(2);
        }
        doDrop({ error, message = "This job has been dropped by Bottleneck" } = {}) {
          if (this._states.remove(this.options.id)) {
            if (this.rejectOnDrop) {
              this._reject(error != null ? error : new BottleneckError$1(message));
            }
            this.Events.trigger("dropped", { args: this.args, options: this.options, task: this.task, promise: this.promise });
            return true;
          } else {
            return false;
          }
        }
        _assertStatus(expected) {
          var status;
          status = this._states.jobStatus(this.options.id);
          if (!(status === expected || expected === "DONE" && status === null)) {
            throw new BottleneckError$1(`Invalid job status ${status}, expected ${expected}. Please open an issue at https://github.com/SGrondin/bottleneck/issues`);
          }
        }
        doReceive() {
          this._states.start(this.options.id);
          return this.Events.trigger("received", { args: this.args, options: this.options });
        }
        doQueue(reachedHWM, blocked) {
          this._assertStatus("RECEIVED");
          this._states.next(this.options.id);
          return this.Events.trigger("queued", { args: this.args, options: this.options, reachedHWM, blocked });
        }
        doRun() {
          if (this.retryCount === 0) {
            this._assertStatus("QUEUED");
            this._states.next(this.options.id);
          } else {
            this._assertStatus("EXECUTING");
          }
          return this.Events.trigger("scheduled", { args: this.args, options: this.options });
        }
        async doExecute(chained, clearGlobalState, run, free) {
          var error, eventInfo, passed;
          if (this.retryCount === 0) {
            this._assertStatus("RUNNING");
            this._states.next(this.options.id);
          } else {
            this._assertStatus("EXECUTING");
          }
          eventInfo = { args: this.args, options: this.options, retryCount: this.retryCount };
          this.Events.trigger("executing", eventInfo);
          try {
            passed = await (chained != null ? chained.schedule(this.options, this.task, ...this.args) : this.task(...this.args));
            if (clearGlobalState()) {
              this.doDone(eventInfo);
              await free(this.options, eventInfo);
              this._assertStatus("DONE");
              return this._resolve(passed);
            }
          } catch (error1) {
            error = error1;
            return this._onFailure(error, eventInfo, clearGlobalState, run, free);
          }
        }
        doExpire(clearGlobalState, run, free) {
          var error, eventInfo;
          if (this._states.jobStatus(this.options.id === "RUNNING")) {
            this._states.next(this.options.id);
          }
          this._assertStatus("EXECUTING");
          eventInfo = { args: this.args, options: this.options, retryCount: this.retryCount };
          error = new BottleneckError$1(`This job timed out after ${this.options.expiration} ms.`);
          return this._onFailure(error, eventInfo, clearGlobalState, run, free);
        }
        async _onFailure(error, eventInfo, clearGlobalState, run, free) {
          var retry2, retryAfter;
          if (clearGlobalState()) {
            retry2 = await this.Events.trigger("failed", error, eventInfo);
            if (retry2 != null) {
              retryAfter = ~~retry2;
              this.Events.trigger("retry", `Retrying ${this.options.id} after ${retryAfter} ms`, eventInfo);
              this.retryCount++;
              return run(retryAfter);
            } else {
              this.doDone(eventInfo);
              await free(this.options, eventInfo);
              this._assertStatus("DONE");
              return this._reject(error);
            }
          }
        }
        doDone(eventInfo) {
          this._assertStatus("EXECUTING");
          this._states.next(this.options.id);
          return this.Events.trigger("done", eventInfo);
        }
      };
      var Job_1 = Job;
      var BottleneckError$2, LocalDatastore, parser$2;
      parser$2 = parser2;
      BottleneckError$2 = BottleneckError_1;
      LocalDatastore = class LocalDatastore {
        constructor(instance, storeOptions, storeInstanceOptions) {
          this.instance = instance;
          this.storeOptions = storeOptions;
          this.clientId = this.instance._randomIndex();
          parser$2.load(storeInstanceOptions, storeInstanceOptions, this);
          this._nextRequest = this._lastReservoirRefresh = this._lastReservoirIncrease = Date.now();
          this._running = 0;
          this._done = 0;
          this._unblockTime = 0;
          this.ready = this.Promise.resolve();
          this.clients = {};
          this._startHeartbeat();
        }
        _startHeartbeat() {
          var base;
          if (this.heartbeat == null && (this.storeOptions.reservoirRefreshInterval != null && this.storeOptions.reservoirRefreshAmount != null || this.storeOptions.reservoirIncreaseInterval != null && this.storeOptions.reservoirIncreaseAmount != null)) {
            return typeof (base = this.heartbeat = setInterval(() => {
              var amount, incr, maximum, now, reservoir;
              now = Date.now();
              if (this.storeOptions.reservoirRefreshInterval != null && now >= this._lastReservoirRefresh + this.storeOptions.reservoirRefreshInterval) {
                this._lastReservoirRefresh = now;
                this.storeOptions.reservoir = this.storeOptions.reservoirRefreshAmount;
                this.instance._drainAll(this.computeCapacity());
              }
              if (this.storeOptions.reservoirIncreaseInterval != null && now >= this._lastReservoirIncrease + this.storeOptions.reservoirIncreaseInterval) {
                ({
                  reservoirIncreaseAmount: amount,
                  reservoirIncreaseMaximum: maximum,
                  reservoir
                } = this.storeOptions);
                this._lastReservoirIncrease = now;
                incr = maximum != null ? Math.min(amount, maximum - reservoir) : amount;
                if (incr > 0) {
                  this.storeOptions.reservoir += incr;
                  return this.instance._drainAll(this.computeCapacity());
                }
              }
            }, this.heartbeatInterval)).unref === "function" ? base.unref() : void 0;
          } else {
            return clearInterval(this.heartbeat);
          }
        }
        async __publish__(message) {
          await this.yieldLoop();
          return this.instance.Events.trigger("message", message.toString());
        }
        async __disconnect__(flush) {
          await this.yieldLoop();
          clearInterval(this.heartbeat);
          return this.Promise.resolve();
        }
        yieldLoop(t = 0) {
          return new this.Promise(function(resolve3, reject) {
            return setTimeout(resolve3, t);
          });
        }
        computePenalty() {
          var ref;
          return (ref = this.storeOptions.penalty) != null ? ref : 15 * this.storeOptions.minTime || 5e3;
        }
        async __updateSettings__(options2) {
          await this.yieldLoop();
          parser$2.overwrite(options2, options2, this.storeOptions);
          this._startHeartbeat();
          this.instance._drainAll(this.computeCapacity());
          return true;
        }
        async __running__() {
          await this.yieldLoop();
          return this._running;
        }
        async __queued__() {
          await this.yieldLoop();
          return this.instance.queued();
        }
        async __done__() {
          await this.yieldLoop();
          return this._done;
        }
        async __groupCheck__(time) {
          await this.yieldLoop();
          return this._nextRequest + this.timeout < time;
        }
        computeCapacity() {
          var maxConcurrent, reservoir;
          ({ maxConcurrent, reservoir } = this.storeOptions);
          if (maxConcurrent != null && reservoir != null) {
            return Math.min(maxConcurrent - this._running, reservoir);
          } else if (maxConcurrent != null) {
            return maxConcurrent - this._running;
          } else if (reservoir != null) {
            return reservoir;
          } else {
            return null;
          }
        }
        conditionsCheck(weight) {
          var capacity;
          capacity = this.computeCapacity();
          return capacity == null || weight <= capacity;
        }
        async __incrementReservoir__(incr) {
          var reservoir;
          await this.yieldLoop();
          reservoir = this.storeOptions.reservoir += incr;
          this.instance._drainAll(this.computeCapacity());
          return reservoir;
        }
        async __currentReservoir__() {
          await this.yieldLoop();
          return this.storeOptions.reservoir;
        }
        isBlocked(now) {
          return this._unblockTime >= now;
        }
        check(weight, now) {
          return this.conditionsCheck(weight) && this._nextRequest - now <= 0;
        }
        async __check__(weight) {
          var now;
          await this.yieldLoop();
          now = Date.now();
          return this.check(weight, now);
        }
        async __register__(index, weight, expiration) {
          var now, wait;
          await this.yieldLoop();
          now = Date.now();
          if (this.conditionsCheck(weight)) {
            this._running += weight;
            if (this.storeOptions.reservoir != null) {
              this.storeOptions.reservoir -= weight;
            }
            wait = Math.max(this._nextRequest - now, 0);
            this._nextRequest = now + wait + this.storeOptions.minTime;
            return {
              success: true,
              wait,
              reservoir: this.storeOptions.reservoir
            };
          } else {
            return {
              success: false
            };
          }
        }
        strategyIsBlock() {
          return this.storeOptions.strategy === 3;
        }
        async __submit__(queueLength, weight) {
          var blocked, now, reachedHWM;
          await this.yieldLoop();
          if (this.storeOptions.maxConcurrent != null && weight > this.storeOptions.maxConcurrent) {
            throw new BottleneckError$2(`Impossible to add a job having a weight of ${weight} to a limiter having a maxConcurrent setting of ${this.storeOptions.maxConcurrent}`);
          }
          now = Date.now();
          reachedHWM = this.storeOptions.highWater != null && queueLength === this.storeOptions.highWater && !this.check(weight, now);
          blocked = this.strategyIsBlock() && (reachedHWM || this.isBlocked(now));
          if (blocked) {
            this._unblockTime = now + this.computePenalty();
            this._nextRequest = this._unblockTime + this.storeOptions.minTime;
            this.instance._dropAllQueued();
          }
          return {
            reachedHWM,
            blocked,
            strategy: this.storeOptions.strategy
          };
        }
        async __free__(index, weight) {
          await this.yieldLoop();
          this._running -= weight;
          this._done += weight;
          this.instance._drainAll(this.computeCapacity());
          return {
            running: this._running
          };
        }
      };
      var LocalDatastore_1 = LocalDatastore;
      var BottleneckError$3, States;
      BottleneckError$3 = BottleneckError_1;
      States = class States {
        constructor(status1) {
          this.status = status1;
          this._jobs = {};
          this.counts = this.status.map(function() {
            return 0;
          });
        }
        next(id) {
          var current, next;
          current = this._jobs[id];
          next = current + 1;
          if (current != null && next < this.status.length) {
            this.counts[current]--;
            this.counts[next]++;
            return this._jobs[id]++;
          } else if (current != null) {
            this.counts[current]--;
            return delete this._jobs[id];
          }
        }
        start(id) {
          var initial;
          initial = 0;
          this._jobs[id] = initial;
          return this.counts[initial]++;
        }
        remove(id) {
          var current;
          current = this._jobs[id];
          if (current != null) {
            this.counts[current]--;
            delete this._jobs[id];
          }
          return current != null;
        }
        jobStatus(id) {
          var ref;
          return (ref = this.status[this._jobs[id]]) != null ? ref : null;
        }
        statusJobs(status) {
          var k, pos, ref, results, v;
          if (status != null) {
            pos = this.status.indexOf(status);
            if (pos < 0) {
              throw new BottleneckError$3(`status must be one of ${this.status.join(", ")}`);
            }
            ref = this._jobs;
            results = [];
            for (k in ref) {
              v = ref[k];
              if (v === pos) {
                results.push(k);
              }
            }
            return results;
          } else {
            return Object.keys(this._jobs);
          }
        }
        statusCounts() {
          return this.counts.reduce(((acc, v, i) => {
            acc[this.status[i]] = v;
            return acc;
          }), {});
        }
      };
      var States_1 = States;
      var DLList$2, Sync;
      DLList$2 = DLList_1;
      Sync = class Sync {
        constructor(name2, Promise2) {
          this.schedule = this.schedule.bind(this);
          this.name = name2;
          this.Promise = Promise2;
          this._running = 0;
          this._queue = new DLList$2();
        }
        isEmpty() {
          return this._queue.length === 0;
        }
        async _tryToRun() {
          var args, cb, error, reject, resolve3, returned, task;
          if (this._running < 1 && this._queue.length > 0) {
            this._running++;
            ({ task, args, resolve: resolve3, reject } = this._queue.shift());
            cb = await (async function() {
              try {
                returned = await task(...args);
                return function() {
                  return resolve3(returned);
                };
              } catch (error1) {
                error = error1;
                return function() {
                  return reject(error);
                };
              }
            })();
            this._running--;
            this._tryToRun();
            return cb();
          }
        }
        schedule(task, ...args) {
          var promise, reject, resolve3;
          resolve3 = reject = null;
          promise = new this.Promise(function(_resolve, _reject) {
            resolve3 = _resolve;
            return reject = _reject;
          });
          this._queue.push({ task, args, resolve: resolve3, reject });
          this._tryToRun();
          return promise;
        }
      };
      var Sync_1 = Sync;
      var version = "2.19.5";
      var version$1 = {
        version
      };
      var version$2 = /* @__PURE__ */ Object.freeze({
        version,
        default: version$1
      });
      var require$$2 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var require$$3 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var require$$4 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var Events$2, Group, IORedisConnection$1, RedisConnection$1, Scripts$1, parser$3;
      parser$3 = parser2;
      Events$2 = Events_1;
      RedisConnection$1 = require$$2;
      IORedisConnection$1 = require$$3;
      Scripts$1 = require$$4;
      Group = (function() {
        class Group2 {
          constructor(limiterOptions = {}) {
            this.deleteKey = this.deleteKey.bind(this);
            this.limiterOptions = limiterOptions;
            parser$3.load(this.limiterOptions, this.defaults, this);
            this.Events = new Events$2(this);
            this.instances = {};
            this.Bottleneck = Bottleneck_1;
            this._startAutoCleanup();
            this.sharedConnection = this.connection != null;
            if (this.connection == null) {
              if (this.limiterOptions.datastore === "redis") {
                this.connection = new RedisConnection$1(Object.assign({}, this.limiterOptions, { Events: this.Events }));
              } else if (this.limiterOptions.datastore === "ioredis") {
                this.connection = new IORedisConnection$1(Object.assign({}, this.limiterOptions, { Events: this.Events }));
              }
            }
          }
          key(key = "") {
            var ref;
            return (ref = this.instances[key]) != null ? ref : (() => {
              var limiter;
              limiter = this.instances[key] = new this.Bottleneck(Object.assign(this.limiterOptions, {
                id: `${this.id}-${key}`,
                timeout: this.timeout,
                connection: this.connection
              }));
              this.Events.trigger("created", limiter, key);
              return limiter;
            })();
          }
          async deleteKey(key = "") {
            var deleted, instance;
            instance = this.instances[key];
            if (this.connection) {
              deleted = await this.connection.__runCommand__(["del", ...Scripts$1.allKeys(`${this.id}-${key}`)]);
            }
            if (instance != null) {
              delete this.instances[key];
              await instance.disconnect();
            }
            return instance != null || deleted > 0;
          }
          limiters() {
            var k, ref, results, v;
            ref = this.instances;
            results = [];
            for (k in ref) {
              v = ref[k];
              results.push({
                key: k,
                limiter: v
              });
            }
            return results;
          }
          keys() {
            return Object.keys(this.instances);
          }
          async clusterKeys() {
            var cursor, end, found, i, k, keys, len, next, start;
            if (this.connection == null) {
              return this.Promise.resolve(this.keys());
            }
            keys = [];
            cursor = null;
            start = `b_${this.id}-`.length;
            end = "_settings".length;
            while (cursor !== 0) {
              [next, found] = await this.connection.__runCommand__(["scan", cursor != null ? cursor : 0, "match", `b_${this.id}-*_settings`, "count", 1e4]);
              cursor = ~~next;
              for (i = 0, len = found.length; i < len; i++) {
                k = found[i];
                keys.push(k.slice(start, -end));
              }
            }
            return keys;
          }
          _startAutoCleanup() {
            var base;
            clearInterval(this.interval);
            return typeof (base = this.interval = setInterval(async () => {
              var e, k, ref, results, time, v;
              time = Date.now();
              ref = this.instances;
              results = [];
              for (k in ref) {
                v = ref[k];
                try {
                  if (await v._store.__groupCheck__(time)) {
                    results.push(this.deleteKey(k));
                  } else {
                    results.push(void 0);
                  }
                } catch (error) {
                  e = error;
                  results.push(v.Events.trigger("error", e));
                }
              }
              return results;
            }, this.timeout / 2)).unref === "function" ? base.unref() : void 0;
          }
          updateSettings(options2 = {}) {
            parser$3.overwrite(options2, this.defaults, this);
            parser$3.overwrite(options2, options2, this.limiterOptions);
            if (options2.timeout != null) {
              return this._startAutoCleanup();
            }
          }
          disconnect(flush = true) {
            var ref;
            if (!this.sharedConnection) {
              return (ref = this.connection) != null ? ref.disconnect(flush) : void 0;
            }
          }
        }
        Group2.prototype.defaults = {
          timeout: 1e3 * 60 * 5,
          connection: null,
          Promise,
          id: "group-key"
        };
        return Group2;
      }).call(commonjsGlobal);
      var Group_1 = Group;
      var Batcher, Events$3, parser$4;
      parser$4 = parser2;
      Events$3 = Events_1;
      Batcher = (function() {
        class Batcher2 {
          constructor(options2 = {}) {
            this.options = options2;
            parser$4.load(this.options, this.defaults, this);
            this.Events = new Events$3(this);
            this._arr = [];
            this._resetPromise();
            this._lastFlush = Date.now();
          }
          _resetPromise() {
            return this._promise = new this.Promise((res, rej) => {
              return this._resolve = res;
            });
          }
          _flush() {
            clearTimeout(this._timeout);
            this._lastFlush = Date.now();
            this._resolve();
            this.Events.trigger("batch", this._arr);
            this._arr = [];
            return this._resetPromise();
          }
          add(data) {
            var ret;
            this._arr.push(data);
            ret = this._promise;
            if (this._arr.length === this.maxSize) {
              this._flush();
            } else if (this.maxTime != null && this._arr.length === 1) {
              this._timeout = setTimeout(() => {
                return this._flush();
              }, this.maxTime);
            }
            return ret;
          }
        }
        Batcher2.prototype.defaults = {
          maxTime: null,
          maxSize: null,
          Promise
        };
        return Batcher2;
      }).call(commonjsGlobal);
      var Batcher_1 = Batcher;
      var require$$4$1 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var require$$8 = getCjsExportFromNamespace(version$2);
      var Bottleneck3, DEFAULT_PRIORITY$1, Events$4, Job$1, LocalDatastore$1, NUM_PRIORITIES$1, Queues$1, RedisDatastore$1, States$1, Sync$1, parser$5, splice = [].splice;
      NUM_PRIORITIES$1 = 10;
      DEFAULT_PRIORITY$1 = 5;
      parser$5 = parser2;
      Queues$1 = Queues_1;
      Job$1 = Job_1;
      LocalDatastore$1 = LocalDatastore_1;
      RedisDatastore$1 = require$$4$1;
      Events$4 = Events_1;
      States$1 = States_1;
      Sync$1 = Sync_1;
      Bottleneck3 = (function() {
        class Bottleneck4 {
          constructor(options2 = {}, ...invalid) {
            var storeInstanceOptions, storeOptions;
            this._addToQueue = this._addToQueue.bind(this);
            this._validateOptions(options2, invalid);
            parser$5.load(options2, this.instanceDefaults, this);
            this._queues = new Queues$1(NUM_PRIORITIES$1);
            this._scheduled = {};
            this._states = new States$1(["RECEIVED", "QUEUED", "RUNNING", "EXECUTING"].concat(this.trackDoneStatus ? ["DONE"] : []));
            this._limiter = null;
            this.Events = new Events$4(this);
            this._submitLock = new Sync$1("submit", this.Promise);
            this._registerLock = new Sync$1("register", this.Promise);
            storeOptions = parser$5.load(options2, this.storeDefaults, {});
            this._store = (function() {
              if (this.datastore === "redis" || this.datastore === "ioredis" || this.connection != null) {
                storeInstanceOptions = parser$5.load(options2, this.redisStoreDefaults, {});
                return new RedisDatastore$1(this, storeOptions, storeInstanceOptions);
              } else if (this.datastore === "local") {
                storeInstanceOptions = parser$5.load(options2, this.localStoreDefaults, {});
                return new LocalDatastore$1(this, storeOptions, storeInstanceOptions);
              } else {
                throw new Bottleneck4.prototype.BottleneckError(`Invalid datastore type: ${this.datastore}`);
              }
            }).call(this);
            this._queues.on("leftzero", () => {
              var ref;
              return (ref = this._store.heartbeat) != null ? typeof ref.ref === "function" ? ref.ref() : void 0 : void 0;
            });
            this._queues.on("zero", () => {
              var ref;
              return (ref = this._store.heartbeat) != null ? typeof ref.unref === "function" ? ref.unref() : void 0 : void 0;
            });
          }
          _validateOptions(options2, invalid) {
            if (!(options2 != null && typeof options2 === "object" && invalid.length === 0)) {
              throw new Bottleneck4.prototype.BottleneckError("Bottleneck v2 takes a single object argument. Refer to https://github.com/SGrondin/bottleneck#upgrading-to-v2 if you're upgrading from Bottleneck v1.");
            }
          }
          ready() {
            return this._store.ready;
          }
          clients() {
            return this._store.clients;
          }
          channel() {
            return `b_${this.id}`;
          }
          channel_client() {
            return `b_${this.id}_${this._store.clientId}`;
          }
          publish(message) {
            return this._store.__publish__(message);
          }
          disconnect(flush = true) {
            return this._store.__disconnect__(flush);
          }
          chain(_limiter) {
            this._limiter = _limiter;
            return this;
          }
          queued(priority) {
            return this._queues.queued(priority);
          }
          clusterQueued() {
            return this._store.__queued__();
          }
          empty() {
            return this.queued() === 0 && this._submitLock.isEmpty();
          }
          running() {
            return this._store.__running__();
          }
          done() {
            return this._store.__done__();
          }
          jobStatus(id) {
            return this._states.jobStatus(id);
          }
          jobs(status) {
            return this._states.statusJobs(status);
          }
          counts() {
            return this._states.statusCounts();
          }
          _randomIndex() {
            return Math.random().toString(36).slice(2);
          }
          check(weight = 1) {
            return this._store.__check__(weight);
          }
          _clearGlobalState(index) {
            if (this._scheduled[index] != null) {
              clearTimeout(this._scheduled[index].expiration);
              delete this._scheduled[index];
              return true;
            } else {
              return false;
            }
          }
          async _free(index, job, options2, eventInfo) {
            var e, running;
            try {
              ({ running } = await this._store.__free__(index, options2.weight));
              this.Events.trigger("debug", `Freed ${options2.id}`, eventInfo);
              if (running === 0 && this.empty()) {
                return this.Events.trigger("idle");
              }
            } catch (error1) {
              e = error1;
              return this.Events.trigger("error", e);
            }
          }
          _run(index, job, wait) {
            var clearGlobalState, free, run;
            job.doRun();
            clearGlobalState = this._clearGlobalState.bind(this, index);
            run = this._run.bind(this, index, job);
            free = this._free.bind(this, index, job);
            return this._scheduled[index] = {
              timeout: setTimeout(() => {
                return job.doExecute(this._limiter, clearGlobalState, run, free);
              }, wait),
              expiration: job.options.expiration != null ? setTimeout(function() {
                return job.doExpire(clearGlobalState, run, free);
              }, wait + job.options.expiration) : void 0,
              job
            };
          }
          _drainOne(capacity) {
            return this._registerLock.schedule(() => {
              var args, index, next, options2, queue;
              if (this.queued() === 0) {
                return this.Promise.resolve(null);
              }
              queue = this._queues.getFirst();
              ({ options: options2, args } = next = queue.first());
              if (capacity != null && options2.weight > capacity) {
                return this.Promise.resolve(null);
              }
              this.Events.trigger("debug", `Draining ${options2.id}`, { args, options: options2 });
              index = this._randomIndex();
              return this._store.__register__(index, options2.weight, options2.expiration).then(({ success, wait, reservoir }) => {
                var empty;
                this.Events.trigger("debug", `Drained ${options2.id}`, { success, args, options: options2 });
                if (success) {
                  queue.shift();
                  empty = this.empty();
                  if (empty) {
                    this.Events.trigger("empty");
                  }
                  if (reservoir === 0) {
                    this.Events.trigger("depleted", empty);
                  }
                  this._run(index, next, wait);
                  return this.Promise.resolve(options2.weight);
                } else {
                  return this.Promise.resolve(null);
                }
              });
            });
          }
          _drainAll(capacity, total = 0) {
            return this._drainOne(capacity).then((drained) => {
              var newCapacity;
              if (drained != null) {
                newCapacity = capacity != null ? capacity - drained : capacity;
                return this._drainAll(newCapacity, total + drained);
              } else {
                return this.Promise.resolve(total);
              }
            }).catch((e) => {
              return this.Events.trigger("error", e);
            });
          }
          _dropAllQueued(message) {
            return this._queues.shiftAll(function(job) {
              return job.doDrop({ message });
            });
          }
          stop(options2 = {}) {
            var done, waitForExecuting;
            options2 = parser$5.load(options2, this.stopDefaults);
            waitForExecuting = (at) => {
              var finished;
              finished = () => {
                var counts;
                counts = this._states.counts;
                return counts[0] + counts[1] + counts[2] + counts[3] === at;
              };
              return new this.Promise((resolve3, reject) => {
                if (finished()) {
                  return resolve3();
                } else {
                  return this.on("done", () => {
                    if (finished()) {
                      this.removeAllListeners("done");
                      return resolve3();
                    }
                  });
                }
              });
            };
            done = options2.dropWaitingJobs ? (this._run = function(index, next) {
              return next.doDrop({
                message: options2.dropErrorMessage
              });
            }, this._drainOne = () => {
              return this.Promise.resolve(null);
            }, this._registerLock.schedule(() => {
              return this._submitLock.schedule(() => {
                var k, ref, v;
                ref = this._scheduled;
                for (k in ref) {
                  v = ref[k];
                  if (this.jobStatus(v.job.options.id) === "RUNNING") {
                    clearTimeout(v.timeout);
                    clearTimeout(v.expiration);
                    v.job.doDrop({
                      message: options2.dropErrorMessage
                    });
                  }
                }
                this._dropAllQueued(options2.dropErrorMessage);
                return waitForExecuting(0);
              });
            })) : this.schedule({
              priority: NUM_PRIORITIES$1 - 1,
              weight: 0
            }, () => {
              return waitForExecuting(1);
            });
            this._receive = function(job) {
              return job._reject(new Bottleneck4.prototype.BottleneckError(options2.enqueueErrorMessage));
            };
            this.stop = () => {
              return this.Promise.reject(new Bottleneck4.prototype.BottleneckError("stop() has already been called"));
            };
            return done;
          }
          async _addToQueue(job) {
            var args, blocked, error, options2, reachedHWM, shifted, strategy;
            ({ args, options: options2 } = job);
            try {
              ({ reachedHWM, blocked, strategy } = await this._store.__submit__(this.queued(), options2.weight));
            } catch (error1) {
              error = error1;
              this.Events.trigger("debug", `Could not queue ${options2.id}`, { args, options: options2, error });
              job.doDrop({ error });
              return false;
            }
            if (blocked) {
              job.doDrop();
              return true;
            } else if (reachedHWM) {
              shifted = strategy === Bottleneck4.prototype.strategy.LEAK ? this._queues.shiftLastFrom(options2.priority) : strategy === Bottleneck4.prototype.strategy.OVERFLOW_PRIORITY ? this._queues.shiftLastFrom(options2.priority + 1) : strategy === Bottleneck4.prototype.strategy.OVERFLOW ? job : void 0;
              if (shifted != null) {
                shifted.doDrop();
              }
              if (shifted == null || strategy === Bottleneck4.prototype.strategy.OVERFLOW) {
                if (shifted == null) {
                  job.doDrop();
                }
                return reachedHWM;
              }
            }
            job.doQueue(reachedHWM, blocked);
            this._queues.push(job);
            await this._drainAll();
            return reachedHWM;
          }
          _receive(job) {
            if (this._states.jobStatus(job.options.id) != null) {
              job._reject(new Bottleneck4.prototype.BottleneckError(`A job with the same id already exists (id=${job.options.id})`));
              return false;
            } else {
              job.doReceive();
              return this._submitLock.schedule(this._addToQueue, job);
            }
          }
          submit(...args) {
            var cb, fn, job, options2, ref, ref1, task;
            if (typeof args[0] === "function") {
              ref = args, [fn, ...args] = ref, [cb] = splice.call(args, -1);
              options2 = parser$5.load({}, this.jobDefaults);
            } else {
              ref1 = args, [options2, fn, ...args] = ref1, [cb] = splice.call(args, -1);
              options2 = parser$5.load(options2, this.jobDefaults);
            }
            task = (...args2) => {
              return new this.Promise(function(resolve3, reject) {
                return fn(...args2, function(...args3) {
                  return (args3[0] != null ? reject : resolve3)(args3);
                });
              });
            };
            job = new Job$1(task, args, options2, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
            job.promise.then(function(args2) {
              return typeof cb === "function" ? cb(...args2) : void 0;
            }).catch(function(args2) {
              if (Array.isArray(args2)) {
                return typeof cb === "function" ? cb(...args2) : void 0;
              } else {
                return typeof cb === "function" ? cb(args2) : void 0;
              }
            });
            return this._receive(job);
          }
          schedule(...args) {
            var job, options2, task;
            if (typeof args[0] === "function") {
              [task, ...args] = args;
              options2 = {};
            } else {
              [options2, task, ...args] = args;
            }
            job = new Job$1(task, args, options2, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
            this._receive(job);
            return job.promise;
          }
          wrap(fn) {
            var schedule, wrapped;
            schedule = this.schedule.bind(this);
            wrapped = function(...args) {
              return schedule(fn.bind(this), ...args);
            };
            wrapped.withOptions = function(options2, ...args) {
              return schedule(options2, fn, ...args);
            };
            return wrapped;
          }
          async updateSettings(options2 = {}) {
            await this._store.__updateSettings__(parser$5.overwrite(options2, this.storeDefaults));
            parser$5.overwrite(options2, this.instanceDefaults, this);
            return this;
          }
          currentReservoir() {
            return this._store.__currentReservoir__();
          }
          incrementReservoir(incr = 0) {
            return this._store.__incrementReservoir__(incr);
          }
        }
        Bottleneck4.default = Bottleneck4;
        Bottleneck4.Events = Events$4;
        Bottleneck4.version = Bottleneck4.prototype.version = require$$8.version;
        Bottleneck4.strategy = Bottleneck4.prototype.strategy = {
          LEAK: 1,
          OVERFLOW: 2,
          OVERFLOW_PRIORITY: 4,
          BLOCK: 3
        };
        Bottleneck4.BottleneckError = Bottleneck4.prototype.BottleneckError = BottleneckError_1;
        Bottleneck4.Group = Bottleneck4.prototype.Group = Group_1;
        Bottleneck4.RedisConnection = Bottleneck4.prototype.RedisConnection = require$$2;
        Bottleneck4.IORedisConnection = Bottleneck4.prototype.IORedisConnection = require$$3;
        Bottleneck4.Batcher = Bottleneck4.prototype.Batcher = Batcher_1;
        Bottleneck4.prototype.jobDefaults = {
          priority: DEFAULT_PRIORITY$1,
          weight: 1,
          expiration: null,
          id: "<no-id>"
        };
        Bottleneck4.prototype.storeDefaults = {
          maxConcurrent: null,
          minTime: 0,
          highWater: null,
          strategy: Bottleneck4.prototype.strategy.LEAK,
          penalty: null,
          reservoir: null,
          reservoirRefreshInterval: null,
          reservoirRefreshAmount: null,
          reservoirIncreaseInterval: null,
          reservoirIncreaseAmount: null,
          reservoirIncreaseMaximum: null
        };
        Bottleneck4.prototype.localStoreDefaults = {
          Promise,
          timeout: null,
          heartbeatInterval: 250
        };
        Bottleneck4.prototype.redisStoreDefaults = {
          Promise,
          timeout: null,
          heartbeatInterval: 5e3,
          clientTimeout: 1e4,
          Redis: null,
          clientOptions: {},
          clusterNodes: null,
          clearDatastore: false,
          connection: null
        };
        Bottleneck4.prototype.instanceDefaults = {
          datastore: "local",
          connection: null,
          id: "<no-id>",
          rejectOnDrop: true,
          trackDoneStatus: false,
          Promise
        };
        Bottleneck4.prototype.stopDefaults = {
          enqueueErrorMessage: "This limiter has been stopped and cannot accept new jobs.",
          dropWaitingJobs: true,
          dropErrorMessage: "This limiter has been stopped."
        };
        return Bottleneck4;
      }).call(commonjsGlobal);
      var Bottleneck_1 = Bottleneck3;
      var lib = Bottleneck_1;
      return lib;
    }));
  }
});

// node_modules/bottleneck/lib/parser.js
var require_parser = __commonJS({
  "node_modules/bottleneck/lib/parser.js"(exports2) {
    "use strict";
    exports2.load = function(received, defaults, onto = {}) {
      var k, ref, v;
      for (k in defaults) {
        v = defaults[k];
        onto[k] = (ref = received[k]) != null ? ref : v;
      }
      return onto;
    };
    exports2.overwrite = function(received, defaults, onto = {}) {
      var k, v;
      for (k in received) {
        v = received[k];
        if (defaults[k] !== void 0) {
          onto[k] = v;
        }
      }
      return onto;
    };
  }
});

// node_modules/bottleneck/lib/DLList.js
var require_DLList = __commonJS({
  "node_modules/bottleneck/lib/DLList.js"(exports2, module2) {
    "use strict";
    var DLList;
    DLList = class DLList {
      constructor(incr, decr) {
        this.incr = incr;
        this.decr = decr;
        this._first = null;
        this._last = null;
        this.length = 0;
      }
      push(value) {
        var node;
        this.length++;
        if (typeof this.incr === "function") {
          this.incr();
        }
        node = {
          value,
          prev: this._last,
          next: null
        };
        if (this._last != null) {
          this._last.next = node;
          this._last = node;
        } else {
          this._first = this._last = node;
        }
        return void 0;
      }
      shift() {
        var value;
        if (this._first == null) {
          return;
        } else {
          this.length--;
          if (typeof this.decr === "function") {
            this.decr();
          }
        }
        value = this._first.value;
        if ((this._first = this._first.next) != null) {
          this._first.prev = null;
        } else {
          this._last = null;
        }
        return value;
      }
      first() {
        if (this._first != null) {
          return this._first.value;
        }
      }
      getArray() {
        var node, ref, results;
        node = this._first;
        results = [];
        while (node != null) {
          results.push((ref = node, node = node.next, ref.value));
        }
        return results;
      }
      forEachShift(cb) {
        var node;
        node = this.shift();
        while (node != null) {
          cb(node), node = this.shift();
        }
        return void 0;
      }
      debug() {
        var node, ref, ref1, ref2, results;
        node = this._first;
        results = [];
        while (node != null) {
          results.push((ref = node, node = node.next, {
            value: ref.value,
            prev: (ref1 = ref.prev) != null ? ref1.value : void 0,
            next: (ref2 = ref.next) != null ? ref2.value : void 0
          }));
        }
        return results;
      }
    };
    module2.exports = DLList;
  }
});

// node_modules/bottleneck/lib/Events.js
var require_Events = __commonJS({
  "node_modules/bottleneck/lib/Events.js"(exports2, module2) {
    "use strict";
    function asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, key, arg) {
      try {
        var info = gen[key](arg);
        var value = info.value;
      } catch (error) {
        reject(error);
        return;
      }
      if (info.done) {
        resolve3(value);
      } else {
        Promise.resolve(value).then(_next, _throw);
      }
    }
    function _asyncToGenerator2(fn) {
      return function() {
        var self2 = this, args = arguments;
        return new Promise(function(resolve3, reject) {
          var gen = fn.apply(self2, args);
          function _next(value) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "next", value);
          }
          function _throw(err) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "throw", err);
          }
          _next(void 0);
        });
      };
    }
    var Events2;
    Events2 = class Events {
      constructor(instance) {
        this.instance = instance;
        this._events = {};
        if (this.instance.on != null || this.instance.once != null || this.instance.removeAllListeners != null) {
          throw new Error("An Emitter already exists for this object");
        }
        this.instance.on = (name2, cb) => {
          return this._addListener(name2, "many", cb);
        };
        this.instance.once = (name2, cb) => {
          return this._addListener(name2, "once", cb);
        };
        this.instance.removeAllListeners = (name2 = null) => {
          if (name2 != null) {
            return delete this._events[name2];
          } else {
            return this._events = {};
          }
        };
      }
      _addListener(name2, status, cb) {
        var base;
        if ((base = this._events)[name2] == null) {
          base[name2] = [];
        }
        this._events[name2].push({
          cb,
          status
        });
        return this.instance;
      }
      listenerCount(name2) {
        if (this._events[name2] != null) {
          return this._events[name2].length;
        } else {
          return 0;
        }
      }
      trigger(name2, ...args) {
        var _this = this;
        return _asyncToGenerator2(function* () {
          var e, promises;
          try {
            if (name2 !== "debug") {
              _this.trigger("debug", `Event triggered: ${name2}`, args);
            }
            if (_this._events[name2] == null) {
              return;
            }
            _this._events[name2] = _this._events[name2].filter(function(listener) {
              return listener.status !== "none";
            });
            promises = _this._events[name2].map(
              /* @__PURE__ */ (function() {
                var _ref = _asyncToGenerator2(function* (listener) {
                  var e2, returned;
                  if (listener.status === "none") {
                    return;
                  }
                  if (listener.status === "once") {
                    listener.status = "none";
                  }
                  try {
                    returned = typeof listener.cb === "function" ? listener.cb(...args) : void 0;
                    if (typeof (returned != null ? returned.then : void 0) === "function") {
                      return yield returned;
                    } else {
                      return returned;
                    }
                  } catch (error) {
                    e2 = error;
                    if (true) {
                      _this.trigger("error", e2);
                    }
                    return null;
                  }
                });
                return function(_x) {
                  return _ref.apply(this, arguments);
                };
              })()
            );
            return (yield Promise.all(promises)).find(function(x) {
              return x != null;
            });
          } catch (error) {
            e = error;
            if (true) {
              _this.trigger("error", e);
            }
            return null;
          }
        })();
      }
    };
    module2.exports = Events2;
  }
});

// node_modules/bottleneck/lib/Queues.js
var require_Queues = __commonJS({
  "node_modules/bottleneck/lib/Queues.js"(exports2, module2) {
    "use strict";
    var DLList;
    var Events2;
    var Queues;
    DLList = require_DLList();
    Events2 = require_Events();
    Queues = class Queues {
      constructor(num_priorities) {
        var i;
        this.Events = new Events2(this);
        this._length = 0;
        this._lists = function() {
          var j, ref, results;
          results = [];
          for (i = j = 1, ref = num_priorities; 1 <= ref ? j <= ref : j >= ref; i = 1 <= ref ? ++j : --j) {
            results.push(new DLList(() => {
              return this.incr();
            }, () => {
              return this.decr();
            }));
          }
          return results;
        }.call(this);
      }
      incr() {
        if (this._length++ === 0) {
          return this.Events.trigger("leftzero");
        }
      }
      decr() {
        if (--this._length === 0) {
          return this.Events.trigger("zero");
        }
      }
      push(job) {
        return this._lists[job.options.priority].push(job);
      }
      queued(priority) {
        if (priority != null) {
          return this._lists[priority].length;
        } else {
          return this._length;
        }
      }
      shiftAll(fn) {
        return this._lists.forEach(function(list) {
          return list.forEachShift(fn);
        });
      }
      getFirst(arr = this._lists) {
        var j, len, list;
        for (j = 0, len = arr.length; j < len; j++) {
          list = arr[j];
          if (list.length > 0) {
            return list;
          }
        }
        return [];
      }
      shiftLastFrom(priority) {
        return this.getFirst(this._lists.slice(priority).reverse()).shift();
      }
    };
    module2.exports = Queues;
  }
});

// node_modules/bottleneck/lib/BottleneckError.js
var require_BottleneckError = __commonJS({
  "node_modules/bottleneck/lib/BottleneckError.js"(exports2, module2) {
    "use strict";
    var BottleneckError;
    BottleneckError = class BottleneckError extends Error {
    };
    module2.exports = BottleneckError;
  }
});

// node_modules/bottleneck/lib/Job.js
var require_Job = __commonJS({
  "node_modules/bottleneck/lib/Job.js"(exports2, module2) {
    "use strict";
    function asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, key, arg) {
      try {
        var info = gen[key](arg);
        var value = info.value;
      } catch (error) {
        reject(error);
        return;
      }
      if (info.done) {
        resolve3(value);
      } else {
        Promise.resolve(value).then(_next, _throw);
      }
    }
    function _asyncToGenerator2(fn) {
      return function() {
        var self2 = this, args = arguments;
        return new Promise(function(resolve3, reject) {
          var gen = fn.apply(self2, args);
          function _next(value) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "next", value);
          }
          function _throw(err) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "throw", err);
          }
          _next(void 0);
        });
      };
    }
    var BottleneckError;
    var DEFAULT_PRIORITY;
    var Job;
    var NUM_PRIORITIES;
    var parser2;
    NUM_PRIORITIES = 10;
    DEFAULT_PRIORITY = 5;
    parser2 = require_parser();
    BottleneckError = require_BottleneckError();
    Job = class Job {
      constructor(task, args, options2, jobDefaults, rejectOnDrop, Events2, _states, Promise2) {
        this.task = task;
        this.args = args;
        this.rejectOnDrop = rejectOnDrop;
        this.Events = Events2;
        this._states = _states;
        this.Promise = Promise2;
        this.options = parser2.load(options2, jobDefaults);
        this.options.priority = this._sanitizePriority(this.options.priority);
        if (this.options.id === jobDefaults.id) {
          this.options.id = `${this.options.id}-${this._randomIndex()}`;
        }
        this.promise = new this.Promise((_resolve, _reject) => {
          this._resolve = _resolve;
          this._reject = _reject;
        });
        this.retryCount = 0;
      }
      _sanitizePriority(priority) {
        var sProperty;
        sProperty = ~~priority !== priority ? DEFAULT_PRIORITY : priority;
        if (sProperty < 0) {
          return 0;
        } else if (sProperty > NUM_PRIORITIES - 1) {
          return NUM_PRIORITIES - 1;
        } else {
          return sProperty;
        }
      }
      _randomIndex() {
        return Math.random().toString(36).slice(2);
      }
      doDrop({
        error,
        message = "This job has been dropped by Bottleneck"
      } = {}) {
        if (this._states.remove(this.options.id)) {
          if (this.rejectOnDrop) {
            this._reject(error != null ? error : new BottleneckError(message));
          }
          this.Events.trigger("dropped", {
            args: this.args,
            options: this.options,
            task: this.task,
            promise: this.promise
          });
          return true;
        } else {
          return false;
        }
      }
      _assertStatus(expected) {
        var status;
        status = this._states.jobStatus(this.options.id);
        if (!(status === expected || expected === "DONE" && status === null)) {
          throw new BottleneckError(`Invalid job status ${status}, expected ${expected}. Please open an issue at https://github.com/SGrondin/bottleneck/issues`);
        }
      }
      doReceive() {
        this._states.start(this.options.id);
        return this.Events.trigger("received", {
          args: this.args,
          options: this.options
        });
      }
      doQueue(reachedHWM, blocked) {
        this._assertStatus("RECEIVED");
        this._states.next(this.options.id);
        return this.Events.trigger("queued", {
          args: this.args,
          options: this.options,
          reachedHWM,
          blocked
        });
      }
      doRun() {
        if (this.retryCount === 0) {
          this._assertStatus("QUEUED");
          this._states.next(this.options.id);
        } else {
          this._assertStatus("EXECUTING");
        }
        return this.Events.trigger("scheduled", {
          args: this.args,
          options: this.options
        });
      }
      doExecute(chained, clearGlobalState, run, free) {
        var _this = this;
        return _asyncToGenerator2(function* () {
          var error, eventInfo, passed;
          if (_this.retryCount === 0) {
            _this._assertStatus("RUNNING");
            _this._states.next(_this.options.id);
          } else {
            _this._assertStatus("EXECUTING");
          }
          eventInfo = {
            args: _this.args,
            options: _this.options,
            retryCount: _this.retryCount
          };
          _this.Events.trigger("executing", eventInfo);
          try {
            passed = yield chained != null ? chained.schedule(_this.options, _this.task, ..._this.args) : _this.task(..._this.args);
            if (clearGlobalState()) {
              _this.doDone(eventInfo);
              yield free(_this.options, eventInfo);
              _this._assertStatus("DONE");
              return _this._resolve(passed);
            }
          } catch (error1) {
            error = error1;
            return _this._onFailure(error, eventInfo, clearGlobalState, run, free);
          }
        })();
      }
      doExpire(clearGlobalState, run, free) {
        var error, eventInfo;
        if (this._states.jobStatus(this.options.id === "RUNNING")) {
          this._states.next(this.options.id);
        }
        this._assertStatus("EXECUTING");
        eventInfo = {
          args: this.args,
          options: this.options,
          retryCount: this.retryCount
        };
        error = new BottleneckError(`This job timed out after ${this.options.expiration} ms.`);
        return this._onFailure(error, eventInfo, clearGlobalState, run, free);
      }
      _onFailure(error, eventInfo, clearGlobalState, run, free) {
        var _this2 = this;
        return _asyncToGenerator2(function* () {
          var retry2, retryAfter;
          if (clearGlobalState()) {
            retry2 = yield _this2.Events.trigger("failed", error, eventInfo);
            if (retry2 != null) {
              retryAfter = ~~retry2;
              _this2.Events.trigger("retry", `Retrying ${_this2.options.id} after ${retryAfter} ms`, eventInfo);
              _this2.retryCount++;
              return run(retryAfter);
            } else {
              _this2.doDone(eventInfo);
              yield free(_this2.options, eventInfo);
              _this2._assertStatus("DONE");
              return _this2._reject(error);
            }
          }
        })();
      }
      doDone(eventInfo) {
        this._assertStatus("EXECUTING");
        this._states.next(this.options.id);
        return this.Events.trigger("done", eventInfo);
      }
    };
    module2.exports = Job;
  }
});

// node_modules/bottleneck/lib/LocalDatastore.js
var require_LocalDatastore = __commonJS({
  "node_modules/bottleneck/lib/LocalDatastore.js"(exports2, module2) {
    "use strict";
    function asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, key, arg) {
      try {
        var info = gen[key](arg);
        var value = info.value;
      } catch (error) {
        reject(error);
        return;
      }
      if (info.done) {
        resolve3(value);
      } else {
        Promise.resolve(value).then(_next, _throw);
      }
    }
    function _asyncToGenerator2(fn) {
      return function() {
        var self2 = this, args = arguments;
        return new Promise(function(resolve3, reject) {
          var gen = fn.apply(self2, args);
          function _next(value) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "next", value);
          }
          function _throw(err) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "throw", err);
          }
          _next(void 0);
        });
      };
    }
    var BottleneckError;
    var LocalDatastore;
    var parser2;
    parser2 = require_parser();
    BottleneckError = require_BottleneckError();
    LocalDatastore = class LocalDatastore {
      constructor(instance, storeOptions, storeInstanceOptions) {
        this.instance = instance;
        this.storeOptions = storeOptions;
        this.clientId = this.instance._randomIndex();
        parser2.load(storeInstanceOptions, storeInstanceOptions, this);
        this._nextRequest = this._lastReservoirRefresh = this._lastReservoirIncrease = Date.now();
        this._running = 0;
        this._done = 0;
        this._unblockTime = 0;
        this.ready = this.Promise.resolve();
        this.clients = {};
        this._startHeartbeat();
      }
      _startHeartbeat() {
        var base;
        if (this.heartbeat == null && (this.storeOptions.reservoirRefreshInterval != null && this.storeOptions.reservoirRefreshAmount != null || this.storeOptions.reservoirIncreaseInterval != null && this.storeOptions.reservoirIncreaseAmount != null)) {
          return typeof (base = this.heartbeat = setInterval(() => {
            var amount, incr, maximum, now, reservoir;
            now = Date.now();
            if (this.storeOptions.reservoirRefreshInterval != null && now >= this._lastReservoirRefresh + this.storeOptions.reservoirRefreshInterval) {
              this._lastReservoirRefresh = now;
              this.storeOptions.reservoir = this.storeOptions.reservoirRefreshAmount;
              this.instance._drainAll(this.computeCapacity());
            }
            if (this.storeOptions.reservoirIncreaseInterval != null && now >= this._lastReservoirIncrease + this.storeOptions.reservoirIncreaseInterval) {
              var _this$storeOptions = this.storeOptions;
              amount = _this$storeOptions.reservoirIncreaseAmount;
              maximum = _this$storeOptions.reservoirIncreaseMaximum;
              reservoir = _this$storeOptions.reservoir;
              this._lastReservoirIncrease = now;
              incr = maximum != null ? Math.min(amount, maximum - reservoir) : amount;
              if (incr > 0) {
                this.storeOptions.reservoir += incr;
                return this.instance._drainAll(this.computeCapacity());
              }
            }
          }, this.heartbeatInterval)).unref === "function" ? base.unref() : void 0;
        } else {
          return clearInterval(this.heartbeat);
        }
      }
      __publish__(message) {
        var _this = this;
        return _asyncToGenerator2(function* () {
          yield _this.yieldLoop();
          return _this.instance.Events.trigger("message", message.toString());
        })();
      }
      __disconnect__(flush) {
        var _this2 = this;
        return _asyncToGenerator2(function* () {
          yield _this2.yieldLoop();
          clearInterval(_this2.heartbeat);
          return _this2.Promise.resolve();
        })();
      }
      yieldLoop(t = 0) {
        return new this.Promise(function(resolve3, reject) {
          return setTimeout(resolve3, t);
        });
      }
      computePenalty() {
        var ref;
        return (ref = this.storeOptions.penalty) != null ? ref : 15 * this.storeOptions.minTime || 5e3;
      }
      __updateSettings__(options2) {
        var _this3 = this;
        return _asyncToGenerator2(function* () {
          yield _this3.yieldLoop();
          parser2.overwrite(options2, options2, _this3.storeOptions);
          _this3._startHeartbeat();
          _this3.instance._drainAll(_this3.computeCapacity());
          return true;
        })();
      }
      __running__() {
        var _this4 = this;
        return _asyncToGenerator2(function* () {
          yield _this4.yieldLoop();
          return _this4._running;
        })();
      }
      __queued__() {
        var _this5 = this;
        return _asyncToGenerator2(function* () {
          yield _this5.yieldLoop();
          return _this5.instance.queued();
        })();
      }
      __done__() {
        var _this6 = this;
        return _asyncToGenerator2(function* () {
          yield _this6.yieldLoop();
          return _this6._done;
        })();
      }
      __groupCheck__(time) {
        var _this7 = this;
        return _asyncToGenerator2(function* () {
          yield _this7.yieldLoop();
          return _this7._nextRequest + _this7.timeout < time;
        })();
      }
      computeCapacity() {
        var maxConcurrent, reservoir;
        var _this$storeOptions2 = this.storeOptions;
        maxConcurrent = _this$storeOptions2.maxConcurrent;
        reservoir = _this$storeOptions2.reservoir;
        if (maxConcurrent != null && reservoir != null) {
          return Math.min(maxConcurrent - this._running, reservoir);
        } else if (maxConcurrent != null) {
          return maxConcurrent - this._running;
        } else if (reservoir != null) {
          return reservoir;
        } else {
          return null;
        }
      }
      conditionsCheck(weight) {
        var capacity;
        capacity = this.computeCapacity();
        return capacity == null || weight <= capacity;
      }
      __incrementReservoir__(incr) {
        var _this8 = this;
        return _asyncToGenerator2(function* () {
          var reservoir;
          yield _this8.yieldLoop();
          reservoir = _this8.storeOptions.reservoir += incr;
          _this8.instance._drainAll(_this8.computeCapacity());
          return reservoir;
        })();
      }
      __currentReservoir__() {
        var _this9 = this;
        return _asyncToGenerator2(function* () {
          yield _this9.yieldLoop();
          return _this9.storeOptions.reservoir;
        })();
      }
      isBlocked(now) {
        return this._unblockTime >= now;
      }
      check(weight, now) {
        return this.conditionsCheck(weight) && this._nextRequest - now <= 0;
      }
      __check__(weight) {
        var _this10 = this;
        return _asyncToGenerator2(function* () {
          var now;
          yield _this10.yieldLoop();
          now = Date.now();
          return _this10.check(weight, now);
        })();
      }
      __register__(index, weight, expiration) {
        var _this11 = this;
        return _asyncToGenerator2(function* () {
          var now, wait;
          yield _this11.yieldLoop();
          now = Date.now();
          if (_this11.conditionsCheck(weight)) {
            _this11._running += weight;
            if (_this11.storeOptions.reservoir != null) {
              _this11.storeOptions.reservoir -= weight;
            }
            wait = Math.max(_this11._nextRequest - now, 0);
            _this11._nextRequest = now + wait + _this11.storeOptions.minTime;
            return {
              success: true,
              wait,
              reservoir: _this11.storeOptions.reservoir
            };
          } else {
            return {
              success: false
            };
          }
        })();
      }
      strategyIsBlock() {
        return this.storeOptions.strategy === 3;
      }
      __submit__(queueLength, weight) {
        var _this12 = this;
        return _asyncToGenerator2(function* () {
          var blocked, now, reachedHWM;
          yield _this12.yieldLoop();
          if (_this12.storeOptions.maxConcurrent != null && weight > _this12.storeOptions.maxConcurrent) {
            throw new BottleneckError(`Impossible to add a job having a weight of ${weight} to a limiter having a maxConcurrent setting of ${_this12.storeOptions.maxConcurrent}`);
          }
          now = Date.now();
          reachedHWM = _this12.storeOptions.highWater != null && queueLength === _this12.storeOptions.highWater && !_this12.check(weight, now);
          blocked = _this12.strategyIsBlock() && (reachedHWM || _this12.isBlocked(now));
          if (blocked) {
            _this12._unblockTime = now + _this12.computePenalty();
            _this12._nextRequest = _this12._unblockTime + _this12.storeOptions.minTime;
            _this12.instance._dropAllQueued();
          }
          return {
            reachedHWM,
            blocked,
            strategy: _this12.storeOptions.strategy
          };
        })();
      }
      __free__(index, weight) {
        var _this13 = this;
        return _asyncToGenerator2(function* () {
          yield _this13.yieldLoop();
          _this13._running -= weight;
          _this13._done += weight;
          _this13.instance._drainAll(_this13.computeCapacity());
          return {
            running: _this13._running
          };
        })();
      }
    };
    module2.exports = LocalDatastore;
  }
});

// node_modules/bottleneck/lib/lua.json
var require_lua = __commonJS({
  "node_modules/bottleneck/lib/lua.json"(exports2, module2) {
    module2.exports = {
      "blacklist_client.lua": "local blacklist = ARGV[num_static_argv + 1]\n\nif redis.call('zscore', client_last_seen_key, blacklist) then\n  redis.call('zadd', client_last_seen_key, 0, blacklist)\nend\n\n\nreturn {}\n",
      "check.lua": "local weight = tonumber(ARGV[num_static_argv + 1])\n\nlocal capacity = process_tick(now, false)['capacity']\nlocal nextRequest = tonumber(redis.call('hget', settings_key, 'nextRequest'))\n\nreturn conditions_check(capacity, weight) and nextRequest - now <= 0\n",
      "conditions_check.lua": "local conditions_check = function (capacity, weight)\n  return capacity == nil or weight <= capacity\nend\n",
      "current_reservoir.lua": "return process_tick(now, false)['reservoir']\n",
      "done.lua": "process_tick(now, false)\n\nreturn tonumber(redis.call('hget', settings_key, 'done'))\n",
      "free.lua": "local index = ARGV[num_static_argv + 1]\n\nredis.call('zadd', job_expirations_key, 0, index)\n\nreturn process_tick(now, false)['running']\n",
      "get_time.lua": "redis.replicate_commands()\n\nlocal get_time = function ()\n  local time = redis.call('time')\n\n  return tonumber(time[1]..string.sub(time[2], 1, 3))\nend\n",
      "group_check.lua": "return not (redis.call('exists', settings_key) == 1)\n",
      "heartbeat.lua": "process_tick(now, true)\n",
      "increment_reservoir.lua": "local incr = tonumber(ARGV[num_static_argv + 1])\n\nredis.call('hincrby', settings_key, 'reservoir', incr)\n\nlocal reservoir = process_tick(now, true)['reservoir']\n\nlocal groupTimeout = tonumber(redis.call('hget', settings_key, 'groupTimeout'))\nrefresh_expiration(0, 0, groupTimeout)\n\nreturn reservoir\n",
      "init.lua": `local clear = tonumber(ARGV[num_static_argv + 1])
local limiter_version = ARGV[num_static_argv + 2]
local num_local_argv = num_static_argv + 2

if clear == 1 then
  redis.call('del', unpack(KEYS))
end

if redis.call('exists', settings_key) == 0 then
  -- Create
  local args = {'hmset', settings_key}

  for i = num_local_argv + 1, #ARGV do
    table.insert(args, ARGV[i])
  end

  redis.call(unpack(args))
  redis.call('hmset', settings_key,
    'nextRequest', now,
    'lastReservoirRefresh', now,
    'lastReservoirIncrease', now,
    'running', 0,
    'done', 0,
    'unblockTime', 0,
    'capacityPriorityCounter', 0
  )

else
  -- Apply migrations
  local settings = redis.call('hmget', settings_key,
    'id',
    'version'
  )
  local id = settings[1]
  local current_version = settings[2]

  if current_version ~= limiter_version then
    local version_digits = {}
    for k, v in string.gmatch(current_version, "([^.]+)") do
      table.insert(version_digits, tonumber(k))
    end

    -- 2.10.0
    if version_digits[2] < 10 then
      redis.call('hsetnx', settings_key, 'reservoirRefreshInterval', '')
      redis.call('hsetnx', settings_key, 'reservoirRefreshAmount', '')
      redis.call('hsetnx', settings_key, 'lastReservoirRefresh', '')
      redis.call('hsetnx', settings_key, 'done', 0)
      redis.call('hset', settings_key, 'version', '2.10.0')
    end

    -- 2.11.1
    if version_digits[2] < 11 or (version_digits[2] == 11 and version_digits[3] < 1) then
      if redis.call('hstrlen', settings_key, 'lastReservoirRefresh') == 0 then
        redis.call('hmset', settings_key,
          'lastReservoirRefresh', now,
          'version', '2.11.1'
        )
      end
    end

    -- 2.14.0
    if version_digits[2] < 14 then
      local old_running_key = 'b_'..id..'_running'
      local old_executing_key = 'b_'..id..'_executing'

      if redis.call('exists', old_running_key) == 1 then
        redis.call('rename', old_running_key, job_weights_key)
      end
      if redis.call('exists', old_executing_key) == 1 then
        redis.call('rename', old_executing_key, job_expirations_key)
      end
      redis.call('hset', settings_key, 'version', '2.14.0')
    end

    -- 2.15.2
    if version_digits[2] < 15 or (version_digits[2] == 15 and version_digits[3] < 2) then
      redis.call('hsetnx', settings_key, 'capacityPriorityCounter', 0)
      redis.call('hset', settings_key, 'version', '2.15.2')
    end

    -- 2.17.0
    if version_digits[2] < 17 then
      redis.call('hsetnx', settings_key, 'clientTimeout', 10000)
      redis.call('hset', settings_key, 'version', '2.17.0')
    end

    -- 2.18.0
    if version_digits[2] < 18 then
      redis.call('hsetnx', settings_key, 'reservoirIncreaseInterval', '')
      redis.call('hsetnx', settings_key, 'reservoirIncreaseAmount', '')
      redis.call('hsetnx', settings_key, 'reservoirIncreaseMaximum', '')
      redis.call('hsetnx', settings_key, 'lastReservoirIncrease', now)
      redis.call('hset', settings_key, 'version', '2.18.0')
    end

  end

  process_tick(now, false)
end

local groupTimeout = tonumber(redis.call('hget', settings_key, 'groupTimeout'))
refresh_expiration(0, 0, groupTimeout)

return {}
`,
      "process_tick.lua": "local process_tick = function (now, always_publish)\n\n  local compute_capacity = function (maxConcurrent, running, reservoir)\n    if maxConcurrent ~= nil and reservoir ~= nil then\n      return math.min((maxConcurrent - running), reservoir)\n    elseif maxConcurrent ~= nil then\n      return maxConcurrent - running\n    elseif reservoir ~= nil then\n      return reservoir\n    else\n      return nil\n    end\n  end\n\n  local settings = redis.call('hmget', settings_key,\n    'id',\n    'maxConcurrent',\n    'running',\n    'reservoir',\n    'reservoirRefreshInterval',\n    'reservoirRefreshAmount',\n    'lastReservoirRefresh',\n    'reservoirIncreaseInterval',\n    'reservoirIncreaseAmount',\n    'reservoirIncreaseMaximum',\n    'lastReservoirIncrease',\n    'capacityPriorityCounter',\n    'clientTimeout'\n  )\n  local id = settings[1]\n  local maxConcurrent = tonumber(settings[2])\n  local running = tonumber(settings[3])\n  local reservoir = tonumber(settings[4])\n  local reservoirRefreshInterval = tonumber(settings[5])\n  local reservoirRefreshAmount = tonumber(settings[6])\n  local lastReservoirRefresh = tonumber(settings[7])\n  local reservoirIncreaseInterval = tonumber(settings[8])\n  local reservoirIncreaseAmount = tonumber(settings[9])\n  local reservoirIncreaseMaximum = tonumber(settings[10])\n  local lastReservoirIncrease = tonumber(settings[11])\n  local capacityPriorityCounter = tonumber(settings[12])\n  local clientTimeout = tonumber(settings[13])\n\n  local initial_capacity = compute_capacity(maxConcurrent, running, reservoir)\n\n  --\n  -- Process 'running' changes\n  --\n  local expired = redis.call('zrangebyscore', job_expirations_key, '-inf', '('..now)\n\n  if #expired > 0 then\n    redis.call('zremrangebyscore', job_expirations_key, '-inf', '('..now)\n\n    local flush_batch = function (batch, acc)\n      local weights = redis.call('hmget', job_weights_key, unpack(batch))\n                      redis.call('hdel',  job_weights_key, unpack(batch))\n      local clients = redis.call('hmget', job_clients_key, unpack(batch))\n                      redis.call('hdel',  job_clients_key, unpack(batch))\n\n      -- Calculate sum of removed weights\n      for i = 1, #weights do\n        acc['total'] = acc['total'] + (tonumber(weights[i]) or 0)\n      end\n\n      -- Calculate sum of removed weights by client\n      local client_weights = {}\n      for i = 1, #clients do\n        local removed = tonumber(weights[i]) or 0\n        if removed > 0 then\n          acc['client_weights'][clients[i]] = (acc['client_weights'][clients[i]] or 0) + removed\n        end\n      end\n    end\n\n    local acc = {\n      ['total'] = 0,\n      ['client_weights'] = {}\n    }\n    local batch_size = 1000\n\n    -- Compute changes to Zsets and apply changes to Hashes\n    for i = 1, #expired, batch_size do\n      local batch = {}\n      for j = i, math.min(i + batch_size - 1, #expired) do\n        table.insert(batch, expired[j])\n      end\n\n      flush_batch(batch, acc)\n    end\n\n    -- Apply changes to Zsets\n    if acc['total'] > 0 then\n      redis.call('hincrby', settings_key, 'done', acc['total'])\n      running = tonumber(redis.call('hincrby', settings_key, 'running', -acc['total']))\n    end\n\n    for client, weight in pairs(acc['client_weights']) do\n      redis.call('zincrby', client_running_key, -weight, client)\n    end\n  end\n\n  --\n  -- Process 'reservoir' changes\n  --\n  local reservoirRefreshActive = reservoirRefreshInterval ~= nil and reservoirRefreshAmount ~= nil\n  if reservoirRefreshActive and now >= lastReservoirRefresh + reservoirRefreshInterval then\n    reservoir = reservoirRefreshAmount\n    redis.call('hmset', settings_key,\n      'reservoir', reservoir,\n      'lastReservoirRefresh', now\n    )\n  end\n\n  local reservoirIncreaseActive = reservoirIncreaseInterval ~= nil and reservoirIncreaseAmount ~= nil\n  if reservoirIncreaseActive and now >= lastReservoirIncrease + reservoirIncreaseInterval then\n    local num_intervals = math.floor((now - lastReservoirIncrease) / reservoirIncreaseInterval)\n    local incr = reservoirIncreaseAmount * num_intervals\n    if reservoirIncreaseMaximum ~= nil then\n      incr = math.min(incr, reservoirIncreaseMaximum - (reservoir or 0))\n    end\n    if incr > 0 then\n      reservoir = (reservoir or 0) + incr\n    end\n    redis.call('hmset', settings_key,\n      'reservoir', reservoir,\n      'lastReservoirIncrease', lastReservoirIncrease + (num_intervals * reservoirIncreaseInterval)\n    )\n  end\n\n  --\n  -- Clear unresponsive clients\n  --\n  local unresponsive = redis.call('zrangebyscore', client_last_seen_key, '-inf', (now - clientTimeout))\n  local unresponsive_lookup = {}\n  local terminated_clients = {}\n  for i = 1, #unresponsive do\n    unresponsive_lookup[unresponsive[i]] = true\n    if tonumber(redis.call('zscore', client_running_key, unresponsive[i])) == 0 then\n      table.insert(terminated_clients, unresponsive[i])\n    end\n  end\n  if #terminated_clients > 0 then\n    redis.call('zrem', client_running_key,         unpack(terminated_clients))\n    redis.call('hdel', client_num_queued_key,      unpack(terminated_clients))\n    redis.call('zrem', client_last_registered_key, unpack(terminated_clients))\n    redis.call('zrem', client_last_seen_key,       unpack(terminated_clients))\n  end\n\n  --\n  -- Broadcast capacity changes\n  --\n  local final_capacity = compute_capacity(maxConcurrent, running, reservoir)\n\n  if always_publish or (initial_capacity ~= nil and final_capacity == nil) then\n    -- always_publish or was not unlimited, now unlimited\n    redis.call('publish', 'b_'..id, 'capacity:'..(final_capacity or ''))\n\n  elseif initial_capacity ~= nil and final_capacity ~= nil and final_capacity > initial_capacity then\n    -- capacity was increased\n    -- send the capacity message to the limiter having the lowest number of running jobs\n    -- the tiebreaker is the limiter having not registered a job in the longest time\n\n    local lowest_concurrency_value = nil\n    local lowest_concurrency_clients = {}\n    local lowest_concurrency_last_registered = {}\n    local client_concurrencies = redis.call('zrange', client_running_key, 0, -1, 'withscores')\n\n    for i = 1, #client_concurrencies, 2 do\n      local client = client_concurrencies[i]\n      local concurrency = tonumber(client_concurrencies[i+1])\n\n      if (\n        lowest_concurrency_value == nil or lowest_concurrency_value == concurrency\n      ) and (\n        not unresponsive_lookup[client]\n      ) and (\n        tonumber(redis.call('hget', client_num_queued_key, client)) > 0\n      ) then\n        lowest_concurrency_value = concurrency\n        table.insert(lowest_concurrency_clients, client)\n        local last_registered = tonumber(redis.call('zscore', client_last_registered_key, client))\n        table.insert(lowest_concurrency_last_registered, last_registered)\n      end\n    end\n\n    if #lowest_concurrency_clients > 0 then\n      local position = 1\n      local earliest = lowest_concurrency_last_registered[1]\n\n      for i,v in ipairs(lowest_concurrency_last_registered) do\n        if v < earliest then\n          position = i\n          earliest = v\n        end\n      end\n\n      local next_client = lowest_concurrency_clients[position]\n      redis.call('publish', 'b_'..id,\n        'capacity-priority:'..(final_capacity or '')..\n        ':'..next_client..\n        ':'..capacityPriorityCounter\n      )\n      redis.call('hincrby', settings_key, 'capacityPriorityCounter', '1')\n    else\n      redis.call('publish', 'b_'..id, 'capacity:'..(final_capacity or ''))\n    end\n  end\n\n  return {\n    ['capacity'] = final_capacity,\n    ['running'] = running,\n    ['reservoir'] = reservoir\n  }\nend\n",
      "queued.lua": "local clientTimeout = tonumber(redis.call('hget', settings_key, 'clientTimeout'))\nlocal valid_clients = redis.call('zrangebyscore', client_last_seen_key, (now - clientTimeout), 'inf')\nlocal client_queued = redis.call('hmget', client_num_queued_key, unpack(valid_clients))\n\nlocal sum = 0\nfor i = 1, #client_queued do\n  sum = sum + tonumber(client_queued[i])\nend\n\nreturn sum\n",
      "refresh_expiration.lua": "local refresh_expiration = function (now, nextRequest, groupTimeout)\n\n  if groupTimeout ~= nil then\n    local ttl = (nextRequest + groupTimeout) - now\n\n    for i = 1, #KEYS do\n      redis.call('pexpire', KEYS[i], ttl)\n    end\n  end\n\nend\n",
      "refs.lua": "local settings_key = KEYS[1]\nlocal job_weights_key = KEYS[2]\nlocal job_expirations_key = KEYS[3]\nlocal job_clients_key = KEYS[4]\nlocal client_running_key = KEYS[5]\nlocal client_num_queued_key = KEYS[6]\nlocal client_last_registered_key = KEYS[7]\nlocal client_last_seen_key = KEYS[8]\n\nlocal now = tonumber(ARGV[1])\nlocal client = ARGV[2]\n\nlocal num_static_argv = 2\n",
      "register.lua": "local index = ARGV[num_static_argv + 1]\nlocal weight = tonumber(ARGV[num_static_argv + 2])\nlocal expiration = tonumber(ARGV[num_static_argv + 3])\n\nlocal state = process_tick(now, false)\nlocal capacity = state['capacity']\nlocal reservoir = state['reservoir']\n\nlocal settings = redis.call('hmget', settings_key,\n  'nextRequest',\n  'minTime',\n  'groupTimeout'\n)\nlocal nextRequest = tonumber(settings[1])\nlocal minTime = tonumber(settings[2])\nlocal groupTimeout = tonumber(settings[3])\n\nif conditions_check(capacity, weight) then\n\n  redis.call('hincrby', settings_key, 'running', weight)\n  redis.call('hset', job_weights_key, index, weight)\n  if expiration ~= nil then\n    redis.call('zadd', job_expirations_key, now + expiration, index)\n  end\n  redis.call('hset', job_clients_key, index, client)\n  redis.call('zincrby', client_running_key, weight, client)\n  redis.call('hincrby', client_num_queued_key, client, -1)\n  redis.call('zadd', client_last_registered_key, now, client)\n\n  local wait = math.max(nextRequest - now, 0)\n  local newNextRequest = now + wait + minTime\n\n  if reservoir == nil then\n    redis.call('hset', settings_key,\n      'nextRequest', newNextRequest\n    )\n  else\n    reservoir = reservoir - weight\n    redis.call('hmset', settings_key,\n      'reservoir', reservoir,\n      'nextRequest', newNextRequest\n    )\n  end\n\n  refresh_expiration(now, newNextRequest, groupTimeout)\n\n  return {true, wait, reservoir}\n\nelse\n  return {false}\nend\n",
      "register_client.lua": "local queued = tonumber(ARGV[num_static_argv + 1])\n\n-- Could have been re-registered concurrently\nif not redis.call('zscore', client_last_seen_key, client) then\n  redis.call('zadd', client_running_key, 0, client)\n  redis.call('hset', client_num_queued_key, client, queued)\n  redis.call('zadd', client_last_registered_key, 0, client)\nend\n\nredis.call('zadd', client_last_seen_key, now, client)\n\nreturn {}\n",
      "running.lua": "return process_tick(now, false)['running']\n",
      "submit.lua": "local queueLength = tonumber(ARGV[num_static_argv + 1])\nlocal weight = tonumber(ARGV[num_static_argv + 2])\n\nlocal capacity = process_tick(now, false)['capacity']\n\nlocal settings = redis.call('hmget', settings_key,\n  'id',\n  'maxConcurrent',\n  'highWater',\n  'nextRequest',\n  'strategy',\n  'unblockTime',\n  'penalty',\n  'minTime',\n  'groupTimeout'\n)\nlocal id = settings[1]\nlocal maxConcurrent = tonumber(settings[2])\nlocal highWater = tonumber(settings[3])\nlocal nextRequest = tonumber(settings[4])\nlocal strategy = tonumber(settings[5])\nlocal unblockTime = tonumber(settings[6])\nlocal penalty = tonumber(settings[7])\nlocal minTime = tonumber(settings[8])\nlocal groupTimeout = tonumber(settings[9])\n\nif maxConcurrent ~= nil and weight > maxConcurrent then\n  return redis.error_reply('OVERWEIGHT:'..weight..':'..maxConcurrent)\nend\n\nlocal reachedHWM = (highWater ~= nil and queueLength == highWater\n  and not (\n    conditions_check(capacity, weight)\n    and nextRequest - now <= 0\n  )\n)\n\nlocal blocked = strategy == 3 and (reachedHWM or unblockTime >= now)\n\nif blocked then\n  local computedPenalty = penalty\n  if computedPenalty == nil then\n    if minTime == 0 then\n      computedPenalty = 5000\n    else\n      computedPenalty = 15 * minTime\n    end\n  end\n\n  local newNextRequest = now + computedPenalty + minTime\n\n  redis.call('hmset', settings_key,\n    'unblockTime', now + computedPenalty,\n    'nextRequest', newNextRequest\n  )\n\n  local clients_queued_reset = redis.call('hkeys', client_num_queued_key)\n  local queued_reset = {}\n  for i = 1, #clients_queued_reset do\n    table.insert(queued_reset, clients_queued_reset[i])\n    table.insert(queued_reset, 0)\n  end\n  redis.call('hmset', client_num_queued_key, unpack(queued_reset))\n\n  redis.call('publish', 'b_'..id, 'blocked:')\n\n  refresh_expiration(now, newNextRequest, groupTimeout)\nend\n\nif not blocked and not reachedHWM then\n  redis.call('hincrby', client_num_queued_key, client, 1)\nend\n\nreturn {reachedHWM, blocked, strategy}\n",
      "update_settings.lua": "local args = {'hmset', settings_key}\n\nfor i = num_static_argv + 1, #ARGV do\n  table.insert(args, ARGV[i])\nend\n\nredis.call(unpack(args))\n\nprocess_tick(now, true)\n\nlocal groupTimeout = tonumber(redis.call('hget', settings_key, 'groupTimeout'))\nrefresh_expiration(0, 0, groupTimeout)\n\nreturn {}\n",
      "validate_client.lua": "if not redis.call('zscore', client_last_seen_key, client) then\n  return redis.error_reply('UNKNOWN_CLIENT')\nend\n\nredis.call('zadd', client_last_seen_key, now, client)\n",
      "validate_keys.lua": "if not (redis.call('exists', settings_key) == 1) then\n  return redis.error_reply('SETTINGS_KEY_NOT_FOUND')\nend\n"
    };
  }
});

// node_modules/bottleneck/lib/Scripts.js
var require_Scripts = __commonJS({
  "node_modules/bottleneck/lib/Scripts.js"(exports2) {
    "use strict";
    var headers;
    var lua;
    var templates;
    lua = require_lua();
    headers = {
      refs: lua["refs.lua"],
      validate_keys: lua["validate_keys.lua"],
      validate_client: lua["validate_client.lua"],
      refresh_expiration: lua["refresh_expiration.lua"],
      process_tick: lua["process_tick.lua"],
      conditions_check: lua["conditions_check.lua"],
      get_time: lua["get_time.lua"]
    };
    exports2.allKeys = function(id) {
      return [
        /*
        HASH
        */
        `b_${id}_settings`,
        /*
        HASH
        job index -> weight
        */
        `b_${id}_job_weights`,
        /*
        ZSET
        job index -> expiration
        */
        `b_${id}_job_expirations`,
        /*
        HASH
        job index -> client
        */
        `b_${id}_job_clients`,
        /*
        ZSET
        client -> sum running
        */
        `b_${id}_client_running`,
        /*
        HASH
        client -> num queued
        */
        `b_${id}_client_num_queued`,
        /*
        ZSET
        client -> last job registered
        */
        `b_${id}_client_last_registered`,
        /*
        ZSET
        client -> last seen
        */
        `b_${id}_client_last_seen`
      ];
    };
    templates = {
      init: {
        keys: exports2.allKeys,
        headers: ["process_tick"],
        refresh_expiration: true,
        code: lua["init.lua"]
      },
      group_check: {
        keys: exports2.allKeys,
        headers: [],
        refresh_expiration: false,
        code: lua["group_check.lua"]
      },
      register_client: {
        keys: exports2.allKeys,
        headers: ["validate_keys"],
        refresh_expiration: false,
        code: lua["register_client.lua"]
      },
      blacklist_client: {
        keys: exports2.allKeys,
        headers: ["validate_keys", "validate_client"],
        refresh_expiration: false,
        code: lua["blacklist_client.lua"]
      },
      heartbeat: {
        keys: exports2.allKeys,
        headers: ["validate_keys", "validate_client", "process_tick"],
        refresh_expiration: false,
        code: lua["heartbeat.lua"]
      },
      update_settings: {
        keys: exports2.allKeys,
        headers: ["validate_keys", "validate_client", "process_tick"],
        refresh_expiration: true,
        code: lua["update_settings.lua"]
      },
      running: {
        keys: exports2.allKeys,
        headers: ["validate_keys", "validate_client", "process_tick"],
        refresh_expiration: false,
        code: lua["running.lua"]
      },
      queued: {
        keys: exports2.allKeys,
        headers: ["validate_keys", "validate_client"],
        refresh_expiration: false,
        code: lua["queued.lua"]
      },
      done: {
        keys: exports2.allKeys,
        headers: ["validate_keys", "validate_client", "process_tick"],
        refresh_expiration: false,
        code: lua["done.lua"]
      },
      check: {
        keys: exports2.allKeys,
        headers: ["validate_keys", "validate_client", "process_tick", "conditions_check"],
        refresh_expiration: false,
        code: lua["check.lua"]
      },
      submit: {
        keys: exports2.allKeys,
        headers: ["validate_keys", "validate_client", "process_tick", "conditions_check"],
        refresh_expiration: true,
        code: lua["submit.lua"]
      },
      register: {
        keys: exports2.allKeys,
        headers: ["validate_keys", "validate_client", "process_tick", "conditions_check"],
        refresh_expiration: true,
        code: lua["register.lua"]
      },
      free: {
        keys: exports2.allKeys,
        headers: ["validate_keys", "validate_client", "process_tick"],
        refresh_expiration: true,
        code: lua["free.lua"]
      },
      current_reservoir: {
        keys: exports2.allKeys,
        headers: ["validate_keys", "validate_client", "process_tick"],
        refresh_expiration: false,
        code: lua["current_reservoir.lua"]
      },
      increment_reservoir: {
        keys: exports2.allKeys,
        headers: ["validate_keys", "validate_client", "process_tick"],
        refresh_expiration: true,
        code: lua["increment_reservoir.lua"]
      }
    };
    exports2.names = Object.keys(templates);
    exports2.keys = function(name2, id) {
      return templates[name2].keys(id);
    };
    exports2.payload = function(name2) {
      var template;
      template = templates[name2];
      return Array.prototype.concat(headers.refs, template.headers.map(function(h) {
        return headers[h];
      }), template.refresh_expiration ? headers.refresh_expiration : "", template.code).join("\n");
    };
  }
});

// node_modules/bottleneck/lib/RedisConnection.js
var require_RedisConnection = __commonJS({
  "node_modules/bottleneck/lib/RedisConnection.js"(exports, module) {
    "use strict";
    function asyncGeneratorStep(gen, resolve3, reject, _next, _throw, key, arg) {
      try {
        var info = gen[key](arg);
        var value = info.value;
      } catch (error) {
        reject(error);
        return;
      }
      if (info.done) {
        resolve3(value);
      } else {
        Promise.resolve(value).then(_next, _throw);
      }
    }
    function _asyncToGenerator(fn) {
      return function() {
        var self2 = this, args = arguments;
        return new Promise(function(resolve3, reject) {
          var gen = fn.apply(self2, args);
          function _next(value) {
            asyncGeneratorStep(gen, resolve3, reject, _next, _throw, "next", value);
          }
          function _throw(err) {
            asyncGeneratorStep(gen, resolve3, reject, _next, _throw, "throw", err);
          }
          _next(void 0);
        });
      };
    }
    var Events;
    var RedisConnection;
    var Scripts;
    var parser;
    parser = require_parser();
    Events = require_Events();
    Scripts = require_Scripts();
    RedisConnection = function() {
      class RedisConnection {
        constructor(options = {}) {
          parser.load(options, this.defaults, this);
          if (this.Redis == null) {
            this.Redis = eval("require")("redis");
          }
          if (this.Events == null) {
            this.Events = new Events(this);
          }
          this.terminated = false;
          if (this.client == null) {
            this.client = this.Redis.createClient(this.clientOptions);
          }
          this.subscriber = this.client.duplicate();
          this.limiters = {};
          this.shas = {};
          this.ready = this.Promise.all([this._setup(this.client, false), this._setup(this.subscriber, true)]).then(() => {
            return this._loadScripts();
          }).then(() => {
            return {
              client: this.client,
              subscriber: this.subscriber
            };
          });
        }
        _setup(client, sub) {
          client.setMaxListeners(0);
          return new this.Promise((resolve3, reject) => {
            client.on("error", (e) => {
              return this.Events.trigger("error", e);
            });
            if (sub) {
              client.on("message", (channel, message) => {
                var ref;
                return (ref = this.limiters[channel]) != null ? ref._store.onMessage(channel, message) : void 0;
              });
            }
            if (client.ready) {
              return resolve3();
            } else {
              return client.once("ready", resolve3);
            }
          });
        }
        _loadScript(name2) {
          return new this.Promise((resolve3, reject) => {
            var payload;
            payload = Scripts.payload(name2);
            return this.client.multi([["script", "load", payload]]).exec((err, replies) => {
              if (err != null) {
                return reject(err);
              }
              this.shas[name2] = replies[0];
              return resolve3(replies[0]);
            });
          });
        }
        _loadScripts() {
          return this.Promise.all(Scripts.names.map((k) => {
            return this._loadScript(k);
          }));
        }
        __runCommand__(cmd) {
          var _this = this;
          return _asyncToGenerator(function* () {
            yield _this.ready;
            return new _this.Promise((resolve3, reject) => {
              return _this.client.multi([cmd]).exec_atomic(function(err, replies) {
                if (err != null) {
                  return reject(err);
                } else {
                  return resolve3(replies[0]);
                }
              });
            });
          })();
        }
        __addLimiter__(instance) {
          return this.Promise.all([instance.channel(), instance.channel_client()].map((channel) => {
            return new this.Promise((resolve3, reject) => {
              var handler;
              handler = (chan) => {
                if (chan === channel) {
                  this.subscriber.removeListener("subscribe", handler);
                  this.limiters[channel] = instance;
                  return resolve3();
                }
              };
              this.subscriber.on("subscribe", handler);
              return this.subscriber.subscribe(channel);
            });
          }));
        }
        __removeLimiter__(instance) {
          var _this2 = this;
          return this.Promise.all([instance.channel(), instance.channel_client()].map(
            /* @__PURE__ */ (function() {
              var _ref = _asyncToGenerator(function* (channel) {
                if (!_this2.terminated) {
                  yield new _this2.Promise((resolve3, reject) => {
                    return _this2.subscriber.unsubscribe(channel, function(err, chan) {
                      if (err != null) {
                        return reject(err);
                      }
                      if (chan === channel) {
                        return resolve3();
                      }
                    });
                  });
                }
                return delete _this2.limiters[channel];
              });
              return function(_x) {
                return _ref.apply(this, arguments);
              };
            })()
          ));
        }
        __scriptArgs__(name2, id, args, cb) {
          var keys;
          keys = Scripts.keys(name2, id);
          return [this.shas[name2], keys.length].concat(keys, args, cb);
        }
        __scriptFn__(name2) {
          return this.client.evalsha.bind(this.client);
        }
        disconnect(flush = true) {
          var i, k, len, ref;
          ref = Object.keys(this.limiters);
          for (i = 0, len = ref.length; i < len; i++) {
            k = ref[i];
            clearInterval(this.limiters[k]._store.heartbeat);
          }
          this.limiters = {};
          this.terminated = true;
          this.client.end(flush);
          this.subscriber.end(flush);
          return this.Promise.resolve();
        }
      }
      ;
      RedisConnection.prototype.datastore = "redis";
      RedisConnection.prototype.defaults = {
        Redis: null,
        clientOptions: {},
        client: null,
        Promise,
        Events: null
      };
      return RedisConnection;
    }.call(void 0);
    module.exports = RedisConnection;
  }
});

// node_modules/bottleneck/lib/IORedisConnection.js
var require_IORedisConnection = __commonJS({
  "node_modules/bottleneck/lib/IORedisConnection.js"(exports, module) {
    "use strict";
    function _slicedToArray(arr, i) {
      return _arrayWithHoles(arr) || _iterableToArrayLimit(arr, i) || _nonIterableRest();
    }
    function _nonIterableRest() {
      throw new TypeError("Invalid attempt to destructure non-iterable instance");
    }
    function _iterableToArrayLimit(arr, i) {
      var _arr = [];
      var _n = true;
      var _d = false;
      var _e = void 0;
      try {
        for (var _i = arr[Symbol.iterator](), _s; !(_n = (_s = _i.next()).done); _n = true) {
          _arr.push(_s.value);
          if (i && _arr.length === i) break;
        }
      } catch (err) {
        _d = true;
        _e = err;
      } finally {
        try {
          if (!_n && _i["return"] != null) _i["return"]();
        } finally {
          if (_d) throw _e;
        }
      }
      return _arr;
    }
    function _arrayWithHoles(arr) {
      if (Array.isArray(arr)) return arr;
    }
    function asyncGeneratorStep(gen, resolve3, reject, _next, _throw, key, arg) {
      try {
        var info = gen[key](arg);
        var value = info.value;
      } catch (error) {
        reject(error);
        return;
      }
      if (info.done) {
        resolve3(value);
      } else {
        Promise.resolve(value).then(_next, _throw);
      }
    }
    function _asyncToGenerator(fn) {
      return function() {
        var self2 = this, args = arguments;
        return new Promise(function(resolve3, reject) {
          var gen = fn.apply(self2, args);
          function _next(value) {
            asyncGeneratorStep(gen, resolve3, reject, _next, _throw, "next", value);
          }
          function _throw(err) {
            asyncGeneratorStep(gen, resolve3, reject, _next, _throw, "throw", err);
          }
          _next(void 0);
        });
      };
    }
    var Events;
    var IORedisConnection;
    var Scripts;
    var parser;
    parser = require_parser();
    Events = require_Events();
    Scripts = require_Scripts();
    IORedisConnection = function() {
      class IORedisConnection {
        constructor(options = {}) {
          parser.load(options, this.defaults, this);
          if (this.Redis == null) {
            this.Redis = eval("require")("ioredis");
          }
          if (this.Events == null) {
            this.Events = new Events(this);
          }
          this.terminated = false;
          if (this.clusterNodes != null) {
            this.client = new this.Redis.Cluster(this.clusterNodes, this.clientOptions);
            this.subscriber = new this.Redis.Cluster(this.clusterNodes, this.clientOptions);
          } else if (this.client != null && this.client.duplicate == null) {
            this.subscriber = new this.Redis.Cluster(this.client.startupNodes, this.client.options);
          } else {
            if (this.client == null) {
              this.client = new this.Redis(this.clientOptions);
            }
            this.subscriber = this.client.duplicate();
          }
          this.limiters = {};
          this.ready = this.Promise.all([this._setup(this.client, false), this._setup(this.subscriber, true)]).then(() => {
            this._loadScripts();
            return {
              client: this.client,
              subscriber: this.subscriber
            };
          });
        }
        _setup(client, sub) {
          client.setMaxListeners(0);
          return new this.Promise((resolve3, reject) => {
            client.on("error", (e) => {
              return this.Events.trigger("error", e);
            });
            if (sub) {
              client.on("message", (channel, message) => {
                var ref;
                return (ref = this.limiters[channel]) != null ? ref._store.onMessage(channel, message) : void 0;
              });
            }
            if (client.status === "ready") {
              return resolve3();
            } else {
              return client.once("ready", resolve3);
            }
          });
        }
        _loadScripts() {
          return Scripts.names.forEach((name2) => {
            return this.client.defineCommand(name2, {
              lua: Scripts.payload(name2)
            });
          });
        }
        __runCommand__(cmd) {
          var _this = this;
          return _asyncToGenerator(function* () {
            var _, deleted;
            yield _this.ready;
            var _ref = yield _this.client.pipeline([cmd]).exec();
            var _ref2 = _slicedToArray(_ref, 1);
            var _ref2$ = _slicedToArray(_ref2[0], 2);
            _ = _ref2$[0];
            deleted = _ref2$[1];
            return deleted;
          })();
        }
        __addLimiter__(instance) {
          return this.Promise.all([instance.channel(), instance.channel_client()].map((channel) => {
            return new this.Promise((resolve3, reject) => {
              return this.subscriber.subscribe(channel, () => {
                this.limiters[channel] = instance;
                return resolve3();
              });
            });
          }));
        }
        __removeLimiter__(instance) {
          var _this2 = this;
          return [instance.channel(), instance.channel_client()].forEach(
            /* @__PURE__ */ (function() {
              var _ref3 = _asyncToGenerator(function* (channel) {
                if (!_this2.terminated) {
                  yield _this2.subscriber.unsubscribe(channel);
                }
                return delete _this2.limiters[channel];
              });
              return function(_x) {
                return _ref3.apply(this, arguments);
              };
            })()
          );
        }
        __scriptArgs__(name2, id, args, cb) {
          var keys;
          keys = Scripts.keys(name2, id);
          return [keys.length].concat(keys, args, cb);
        }
        __scriptFn__(name2) {
          return this.client[name2].bind(this.client);
        }
        disconnect(flush = true) {
          var i, k, len, ref;
          ref = Object.keys(this.limiters);
          for (i = 0, len = ref.length; i < len; i++) {
            k = ref[i];
            clearInterval(this.limiters[k]._store.heartbeat);
          }
          this.limiters = {};
          this.terminated = true;
          if (flush) {
            return this.Promise.all([this.client.quit(), this.subscriber.quit()]);
          } else {
            this.client.disconnect();
            this.subscriber.disconnect();
            return this.Promise.resolve();
          }
        }
      }
      ;
      IORedisConnection.prototype.datastore = "ioredis";
      IORedisConnection.prototype.defaults = {
        Redis: null,
        clientOptions: {},
        clusterNodes: null,
        client: null,
        Promise,
        Events: null
      };
      return IORedisConnection;
    }.call(void 0);
    module.exports = IORedisConnection;
  }
});

// node_modules/bottleneck/lib/RedisDatastore.js
var require_RedisDatastore = __commonJS({
  "node_modules/bottleneck/lib/RedisDatastore.js"(exports2, module2) {
    "use strict";
    function _slicedToArray2(arr, i) {
      return _arrayWithHoles2(arr) || _iterableToArrayLimit2(arr, i) || _nonIterableRest2();
    }
    function _nonIterableRest2() {
      throw new TypeError("Invalid attempt to destructure non-iterable instance");
    }
    function _iterableToArrayLimit2(arr, i) {
      var _arr = [];
      var _n = true;
      var _d = false;
      var _e = void 0;
      try {
        for (var _i = arr[Symbol.iterator](), _s; !(_n = (_s = _i.next()).done); _n = true) {
          _arr.push(_s.value);
          if (i && _arr.length === i) break;
        }
      } catch (err) {
        _d = true;
        _e = err;
      } finally {
        try {
          if (!_n && _i["return"] != null) _i["return"]();
        } finally {
          if (_d) throw _e;
        }
      }
      return _arr;
    }
    function _arrayWithHoles2(arr) {
      if (Array.isArray(arr)) return arr;
    }
    function asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, key, arg) {
      try {
        var info = gen[key](arg);
        var value = info.value;
      } catch (error) {
        reject(error);
        return;
      }
      if (info.done) {
        resolve3(value);
      } else {
        Promise.resolve(value).then(_next, _throw);
      }
    }
    function _asyncToGenerator2(fn) {
      return function() {
        var self2 = this, args = arguments;
        return new Promise(function(resolve3, reject) {
          var gen = fn.apply(self2, args);
          function _next(value) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "next", value);
          }
          function _throw(err) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "throw", err);
          }
          _next(void 0);
        });
      };
    }
    var BottleneckError;
    var IORedisConnection2;
    var RedisConnection2;
    var RedisDatastore;
    var parser2;
    parser2 = require_parser();
    BottleneckError = require_BottleneckError();
    RedisConnection2 = require_RedisConnection();
    IORedisConnection2 = require_IORedisConnection();
    RedisDatastore = class RedisDatastore {
      constructor(instance, storeOptions, storeInstanceOptions) {
        this.instance = instance;
        this.storeOptions = storeOptions;
        this.originalId = this.instance.id;
        this.clientId = this.instance._randomIndex();
        parser2.load(storeInstanceOptions, storeInstanceOptions, this);
        this.clients = {};
        this.capacityPriorityCounters = {};
        this.sharedConnection = this.connection != null;
        if (this.connection == null) {
          this.connection = this.instance.datastore === "redis" ? new RedisConnection2({
            Redis: this.Redis,
            clientOptions: this.clientOptions,
            Promise: this.Promise,
            Events: this.instance.Events
          }) : this.instance.datastore === "ioredis" ? new IORedisConnection2({
            Redis: this.Redis,
            clientOptions: this.clientOptions,
            clusterNodes: this.clusterNodes,
            Promise: this.Promise,
            Events: this.instance.Events
          }) : void 0;
        }
        this.instance.connection = this.connection;
        this.instance.datastore = this.connection.datastore;
        this.ready = this.connection.ready.then((clients) => {
          this.clients = clients;
          return this.runScript("init", this.prepareInitSettings(this.clearDatastore));
        }).then(() => {
          return this.connection.__addLimiter__(this.instance);
        }).then(() => {
          return this.runScript("register_client", [this.instance.queued()]);
        }).then(() => {
          var base;
          if (typeof (base = this.heartbeat = setInterval(() => {
            return this.runScript("heartbeat", []).catch((e) => {
              return this.instance.Events.trigger("error", e);
            });
          }, this.heartbeatInterval)).unref === "function") {
            base.unref();
          }
          return this.clients;
        });
      }
      __publish__(message) {
        var _this = this;
        return _asyncToGenerator2(function* () {
          var client;
          var _ref = yield _this.ready;
          client = _ref.client;
          return client.publish(_this.instance.channel(), `message:${message.toString()}`);
        })();
      }
      onMessage(channel, message) {
        var _this2 = this;
        return _asyncToGenerator2(function* () {
          var capacity, counter, data, drained, e, newCapacity, pos, priorityClient, rawCapacity, type;
          try {
            pos = message.indexOf(":");
            var _ref2 = [message.slice(0, pos), message.slice(pos + 1)];
            type = _ref2[0];
            data = _ref2[1];
            if (type === "capacity") {
              return yield _this2.instance._drainAll(data.length > 0 ? ~~data : void 0);
            } else if (type === "capacity-priority") {
              var _data$split = data.split(":");
              var _data$split2 = _slicedToArray2(_data$split, 3);
              rawCapacity = _data$split2[0];
              priorityClient = _data$split2[1];
              counter = _data$split2[2];
              capacity = rawCapacity.length > 0 ? ~~rawCapacity : void 0;
              if (priorityClient === _this2.clientId) {
                drained = yield _this2.instance._drainAll(capacity);
                newCapacity = capacity != null ? capacity - (drained || 0) : "";
                return yield _this2.clients.client.publish(_this2.instance.channel(), `capacity-priority:${newCapacity}::${counter}`);
              } else if (priorityClient === "") {
                clearTimeout(_this2.capacityPriorityCounters[counter]);
                delete _this2.capacityPriorityCounters[counter];
                return _this2.instance._drainAll(capacity);
              } else {
                return _this2.capacityPriorityCounters[counter] = setTimeout(
                  /* @__PURE__ */ _asyncToGenerator2(function* () {
                    var e2;
                    try {
                      delete _this2.capacityPriorityCounters[counter];
                      yield _this2.runScript("blacklist_client", [priorityClient]);
                      return yield _this2.instance._drainAll(capacity);
                    } catch (error) {
                      e2 = error;
                      return _this2.instance.Events.trigger("error", e2);
                    }
                  }),
                  1e3
                );
              }
            } else if (type === "message") {
              return _this2.instance.Events.trigger("message", data);
            } else if (type === "blocked") {
              return yield _this2.instance._dropAllQueued();
            }
          } catch (error) {
            e = error;
            return _this2.instance.Events.trigger("error", e);
          }
        })();
      }
      __disconnect__(flush) {
        clearInterval(this.heartbeat);
        if (this.sharedConnection) {
          return this.connection.__removeLimiter__(this.instance);
        } else {
          return this.connection.disconnect(flush);
        }
      }
      runScript(name2, args) {
        var _this3 = this;
        return _asyncToGenerator2(function* () {
          if (!(name2 === "init" || name2 === "register_client")) {
            yield _this3.ready;
          }
          return new _this3.Promise((resolve3, reject) => {
            var all_args, arr;
            all_args = [Date.now(), _this3.clientId].concat(args);
            _this3.instance.Events.trigger("debug", `Calling Redis script: ${name2}.lua`, all_args);
            arr = _this3.connection.__scriptArgs__(name2, _this3.originalId, all_args, function(err, replies) {
              if (err != null) {
                return reject(err);
              }
              return resolve3(replies);
            });
            return _this3.connection.__scriptFn__(name2)(...arr);
          }).catch((e) => {
            if (e.message === "SETTINGS_KEY_NOT_FOUND") {
              if (name2 === "heartbeat") {
                return _this3.Promise.resolve();
              } else {
                return _this3.runScript("init", _this3.prepareInitSettings(false)).then(() => {
                  return _this3.runScript(name2, args);
                });
              }
            } else if (e.message === "UNKNOWN_CLIENT") {
              return _this3.runScript("register_client", [_this3.instance.queued()]).then(() => {
                return _this3.runScript(name2, args);
              });
            } else {
              return _this3.Promise.reject(e);
            }
          });
        })();
      }
      prepareArray(arr) {
        var i, len, results, x;
        results = [];
        for (i = 0, len = arr.length; i < len; i++) {
          x = arr[i];
          results.push(x != null ? x.toString() : "");
        }
        return results;
      }
      prepareObject(obj) {
        var arr, k, v;
        arr = [];
        for (k in obj) {
          v = obj[k];
          arr.push(k, v != null ? v.toString() : "");
        }
        return arr;
      }
      prepareInitSettings(clear) {
        var args;
        args = this.prepareObject(Object.assign({}, this.storeOptions, {
          id: this.originalId,
          version: this.instance.version,
          groupTimeout: this.timeout,
          clientTimeout: this.clientTimeout
        }));
        args.unshift(clear ? 1 : 0, this.instance.version);
        return args;
      }
      convertBool(b) {
        return !!b;
      }
      __updateSettings__(options2) {
        var _this4 = this;
        return _asyncToGenerator2(function* () {
          yield _this4.runScript("update_settings", _this4.prepareObject(options2));
          return parser2.overwrite(options2, options2, _this4.storeOptions);
        })();
      }
      __running__() {
        return this.runScript("running", []);
      }
      __queued__() {
        return this.runScript("queued", []);
      }
      __done__() {
        return this.runScript("done", []);
      }
      __groupCheck__() {
        var _this5 = this;
        return _asyncToGenerator2(function* () {
          return _this5.convertBool(yield _this5.runScript("group_check", []));
        })();
      }
      __incrementReservoir__(incr) {
        return this.runScript("increment_reservoir", [incr]);
      }
      __currentReservoir__() {
        return this.runScript("current_reservoir", []);
      }
      __check__(weight) {
        var _this6 = this;
        return _asyncToGenerator2(function* () {
          return _this6.convertBool(yield _this6.runScript("check", _this6.prepareArray([weight])));
        })();
      }
      __register__(index, weight, expiration) {
        var _this7 = this;
        return _asyncToGenerator2(function* () {
          var reservoir, success, wait;
          var _ref4 = yield _this7.runScript("register", _this7.prepareArray([index, weight, expiration]));
          var _ref5 = _slicedToArray2(_ref4, 3);
          success = _ref5[0];
          wait = _ref5[1];
          reservoir = _ref5[2];
          return {
            success: _this7.convertBool(success),
            wait,
            reservoir
          };
        })();
      }
      __submit__(queueLength, weight) {
        var _this8 = this;
        return _asyncToGenerator2(function* () {
          var blocked, e, maxConcurrent, overweight, reachedHWM, strategy;
          try {
            var _ref6 = yield _this8.runScript("submit", _this8.prepareArray([queueLength, weight]));
            var _ref7 = _slicedToArray2(_ref6, 3);
            reachedHWM = _ref7[0];
            blocked = _ref7[1];
            strategy = _ref7[2];
            return {
              reachedHWM: _this8.convertBool(reachedHWM),
              blocked: _this8.convertBool(blocked),
              strategy
            };
          } catch (error) {
            e = error;
            if (e.message.indexOf("OVERWEIGHT") === 0) {
              var _e$message$split = e.message.split(":");
              var _e$message$split2 = _slicedToArray2(_e$message$split, 3);
              overweight = _e$message$split2[0];
              weight = _e$message$split2[1];
              maxConcurrent = _e$message$split2[2];
              throw new BottleneckError(`Impossible to add a job having a weight of ${weight} to a limiter having a maxConcurrent setting of ${maxConcurrent}`);
            } else {
              throw e;
            }
          }
        })();
      }
      __free__(index, weight) {
        var _this9 = this;
        return _asyncToGenerator2(function* () {
          var running;
          running = yield _this9.runScript("free", _this9.prepareArray([index]));
          return {
            running
          };
        })();
      }
    };
    module2.exports = RedisDatastore;
  }
});

// node_modules/bottleneck/lib/States.js
var require_States = __commonJS({
  "node_modules/bottleneck/lib/States.js"(exports2, module2) {
    "use strict";
    var BottleneckError;
    var States;
    BottleneckError = require_BottleneckError();
    States = class States {
      constructor(status1) {
        this.status = status1;
        this._jobs = {};
        this.counts = this.status.map(function() {
          return 0;
        });
      }
      next(id) {
        var current, next;
        current = this._jobs[id];
        next = current + 1;
        if (current != null && next < this.status.length) {
          this.counts[current]--;
          this.counts[next]++;
          return this._jobs[id]++;
        } else if (current != null) {
          this.counts[current]--;
          return delete this._jobs[id];
        }
      }
      start(id) {
        var initial;
        initial = 0;
        this._jobs[id] = initial;
        return this.counts[initial]++;
      }
      remove(id) {
        var current;
        current = this._jobs[id];
        if (current != null) {
          this.counts[current]--;
          delete this._jobs[id];
        }
        return current != null;
      }
      jobStatus(id) {
        var ref;
        return (ref = this.status[this._jobs[id]]) != null ? ref : null;
      }
      statusJobs(status) {
        var k, pos, ref, results, v;
        if (status != null) {
          pos = this.status.indexOf(status);
          if (pos < 0) {
            throw new BottleneckError(`status must be one of ${this.status.join(", ")}`);
          }
          ref = this._jobs;
          results = [];
          for (k in ref) {
            v = ref[k];
            if (v === pos) {
              results.push(k);
            }
          }
          return results;
        } else {
          return Object.keys(this._jobs);
        }
      }
      statusCounts() {
        return this.counts.reduce((acc, v, i) => {
          acc[this.status[i]] = v;
          return acc;
        }, {});
      }
    };
    module2.exports = States;
  }
});

// node_modules/bottleneck/lib/Sync.js
var require_Sync = __commonJS({
  "node_modules/bottleneck/lib/Sync.js"(exports2, module2) {
    "use strict";
    function asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, key, arg) {
      try {
        var info = gen[key](arg);
        var value = info.value;
      } catch (error) {
        reject(error);
        return;
      }
      if (info.done) {
        resolve3(value);
      } else {
        Promise.resolve(value).then(_next, _throw);
      }
    }
    function _asyncToGenerator2(fn) {
      return function() {
        var self2 = this, args = arguments;
        return new Promise(function(resolve3, reject) {
          var gen = fn.apply(self2, args);
          function _next(value) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "next", value);
          }
          function _throw(err) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "throw", err);
          }
          _next(void 0);
        });
      };
    }
    var DLList;
    var Sync;
    DLList = require_DLList();
    Sync = class Sync {
      constructor(name2, Promise2) {
        this.schedule = this.schedule.bind(this);
        this.name = name2;
        this.Promise = Promise2;
        this._running = 0;
        this._queue = new DLList();
      }
      isEmpty() {
        return this._queue.length === 0;
      }
      _tryToRun() {
        var _this = this;
        return _asyncToGenerator2(function* () {
          var args, cb, error, reject, resolve3, returned, task;
          if (_this._running < 1 && _this._queue.length > 0) {
            _this._running++;
            var _this$_queue$shift = _this._queue.shift();
            task = _this$_queue$shift.task;
            args = _this$_queue$shift.args;
            resolve3 = _this$_queue$shift.resolve;
            reject = _this$_queue$shift.reject;
            cb = yield _asyncToGenerator2(function* () {
              try {
                returned = yield task(...args);
                return function() {
                  return resolve3(returned);
                };
              } catch (error1) {
                error = error1;
                return function() {
                  return reject(error);
                };
              }
            })();
            _this._running--;
            _this._tryToRun();
            return cb();
          }
        })();
      }
      schedule(task, ...args) {
        var promise, reject, resolve3;
        resolve3 = reject = null;
        promise = new this.Promise(function(_resolve, _reject) {
          resolve3 = _resolve;
          return reject = _reject;
        });
        this._queue.push({
          task,
          args,
          resolve: resolve3,
          reject
        });
        this._tryToRun();
        return promise;
      }
    };
    module2.exports = Sync;
  }
});

// node_modules/bottleneck/lib/version.json
var require_version = __commonJS({
  "node_modules/bottleneck/lib/version.json"(exports2, module2) {
    module2.exports = { version: "2.19.5" };
  }
});

// node_modules/bottleneck/lib/Group.js
var require_Group = __commonJS({
  "node_modules/bottleneck/lib/Group.js"(exports2, module2) {
    "use strict";
    function _slicedToArray2(arr, i) {
      return _arrayWithHoles2(arr) || _iterableToArrayLimit2(arr, i) || _nonIterableRest2();
    }
    function _nonIterableRest2() {
      throw new TypeError("Invalid attempt to destructure non-iterable instance");
    }
    function _iterableToArrayLimit2(arr, i) {
      var _arr = [];
      var _n = true;
      var _d = false;
      var _e = void 0;
      try {
        for (var _i = arr[Symbol.iterator](), _s; !(_n = (_s = _i.next()).done); _n = true) {
          _arr.push(_s.value);
          if (i && _arr.length === i) break;
        }
      } catch (err) {
        _d = true;
        _e = err;
      } finally {
        try {
          if (!_n && _i["return"] != null) _i["return"]();
        } finally {
          if (_d) throw _e;
        }
      }
      return _arr;
    }
    function _arrayWithHoles2(arr) {
      if (Array.isArray(arr)) return arr;
    }
    function asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, key, arg) {
      try {
        var info = gen[key](arg);
        var value = info.value;
      } catch (error) {
        reject(error);
        return;
      }
      if (info.done) {
        resolve3(value);
      } else {
        Promise.resolve(value).then(_next, _throw);
      }
    }
    function _asyncToGenerator2(fn) {
      return function() {
        var self2 = this, args = arguments;
        return new Promise(function(resolve3, reject) {
          var gen = fn.apply(self2, args);
          function _next(value) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "next", value);
          }
          function _throw(err) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "throw", err);
          }
          _next(void 0);
        });
      };
    }
    var Events2;
    var Group;
    var IORedisConnection2;
    var RedisConnection2;
    var Scripts2;
    var parser2;
    parser2 = require_parser();
    Events2 = require_Events();
    RedisConnection2 = require_RedisConnection();
    IORedisConnection2 = require_IORedisConnection();
    Scripts2 = require_Scripts();
    Group = function() {
      class Group2 {
        constructor(limiterOptions = {}) {
          this.deleteKey = this.deleteKey.bind(this);
          this.limiterOptions = limiterOptions;
          parser2.load(this.limiterOptions, this.defaults, this);
          this.Events = new Events2(this);
          this.instances = {};
          this.Bottleneck = require_Bottleneck();
          this._startAutoCleanup();
          this.sharedConnection = this.connection != null;
          if (this.connection == null) {
            if (this.limiterOptions.datastore === "redis") {
              this.connection = new RedisConnection2(Object.assign({}, this.limiterOptions, {
                Events: this.Events
              }));
            } else if (this.limiterOptions.datastore === "ioredis") {
              this.connection = new IORedisConnection2(Object.assign({}, this.limiterOptions, {
                Events: this.Events
              }));
            }
          }
        }
        key(key = "") {
          var ref;
          return (ref = this.instances[key]) != null ? ref : (() => {
            var limiter;
            limiter = this.instances[key] = new this.Bottleneck(Object.assign(this.limiterOptions, {
              id: `${this.id}-${key}`,
              timeout: this.timeout,
              connection: this.connection
            }));
            this.Events.trigger("created", limiter, key);
            return limiter;
          })();
        }
        deleteKey(key = "") {
          var _this = this;
          return _asyncToGenerator2(function* () {
            var deleted, instance;
            instance = _this.instances[key];
            if (_this.connection) {
              deleted = yield _this.connection.__runCommand__(["del", ...Scripts2.allKeys(`${_this.id}-${key}`)]);
            }
            if (instance != null) {
              delete _this.instances[key];
              yield instance.disconnect();
            }
            return instance != null || deleted > 0;
          })();
        }
        limiters() {
          var k, ref, results, v;
          ref = this.instances;
          results = [];
          for (k in ref) {
            v = ref[k];
            results.push({
              key: k,
              limiter: v
            });
          }
          return results;
        }
        keys() {
          return Object.keys(this.instances);
        }
        clusterKeys() {
          var _this2 = this;
          return _asyncToGenerator2(function* () {
            var cursor, end, found, i, k, keys, len, next, start;
            if (_this2.connection == null) {
              return _this2.Promise.resolve(_this2.keys());
            }
            keys = [];
            cursor = null;
            start = `b_${_this2.id}-`.length;
            end = "_settings".length;
            while (cursor !== 0) {
              var _ref = yield _this2.connection.__runCommand__(["scan", cursor != null ? cursor : 0, "match", `b_${_this2.id}-*_settings`, "count", 1e4]);
              var _ref2 = _slicedToArray2(_ref, 2);
              next = _ref2[0];
              found = _ref2[1];
              cursor = ~~next;
              for (i = 0, len = found.length; i < len; i++) {
                k = found[i];
                keys.push(k.slice(start, -end));
              }
            }
            return keys;
          })();
        }
        _startAutoCleanup() {
          var _this3 = this;
          var base;
          clearInterval(this.interval);
          return typeof (base = this.interval = setInterval(
            /* @__PURE__ */ _asyncToGenerator2(function* () {
              var e, k, ref, results, time, v;
              time = Date.now();
              ref = _this3.instances;
              results = [];
              for (k in ref) {
                v = ref[k];
                try {
                  if (yield v._store.__groupCheck__(time)) {
                    results.push(_this3.deleteKey(k));
                  } else {
                    results.push(void 0);
                  }
                } catch (error) {
                  e = error;
                  results.push(v.Events.trigger("error", e));
                }
              }
              return results;
            }),
            this.timeout / 2
          )).unref === "function" ? base.unref() : void 0;
        }
        updateSettings(options2 = {}) {
          parser2.overwrite(options2, this.defaults, this);
          parser2.overwrite(options2, options2, this.limiterOptions);
          if (options2.timeout != null) {
            return this._startAutoCleanup();
          }
        }
        disconnect(flush = true) {
          var ref;
          if (!this.sharedConnection) {
            return (ref = this.connection) != null ? ref.disconnect(flush) : void 0;
          }
        }
      }
      ;
      Group2.prototype.defaults = {
        timeout: 1e3 * 60 * 5,
        connection: null,
        Promise,
        id: "group-key"
      };
      return Group2;
    }.call(void 0);
    module2.exports = Group;
  }
});

// node_modules/bottleneck/lib/Batcher.js
var require_Batcher = __commonJS({
  "node_modules/bottleneck/lib/Batcher.js"(exports2, module2) {
    "use strict";
    var Batcher;
    var Events2;
    var parser2;
    parser2 = require_parser();
    Events2 = require_Events();
    Batcher = function() {
      class Batcher2 {
        constructor(options2 = {}) {
          this.options = options2;
          parser2.load(this.options, this.defaults, this);
          this.Events = new Events2(this);
          this._arr = [];
          this._resetPromise();
          this._lastFlush = Date.now();
        }
        _resetPromise() {
          return this._promise = new this.Promise((res, rej) => {
            return this._resolve = res;
          });
        }
        _flush() {
          clearTimeout(this._timeout);
          this._lastFlush = Date.now();
          this._resolve();
          this.Events.trigger("batch", this._arr);
          this._arr = [];
          return this._resetPromise();
        }
        add(data) {
          var ret;
          this._arr.push(data);
          ret = this._promise;
          if (this._arr.length === this.maxSize) {
            this._flush();
          } else if (this.maxTime != null && this._arr.length === 1) {
            this._timeout = setTimeout(() => {
              return this._flush();
            }, this.maxTime);
          }
          return ret;
        }
      }
      ;
      Batcher2.prototype.defaults = {
        maxTime: null,
        maxSize: null,
        Promise
      };
      return Batcher2;
    }.call(void 0);
    module2.exports = Batcher;
  }
});

// node_modules/bottleneck/lib/Bottleneck.js
var require_Bottleneck = __commonJS({
  "node_modules/bottleneck/lib/Bottleneck.js"(exports2, module2) {
    "use strict";
    function _slicedToArray2(arr, i) {
      return _arrayWithHoles2(arr) || _iterableToArrayLimit2(arr, i) || _nonIterableRest2();
    }
    function _iterableToArrayLimit2(arr, i) {
      var _arr = [];
      var _n = true;
      var _d = false;
      var _e = void 0;
      try {
        for (var _i = arr[Symbol.iterator](), _s; !(_n = (_s = _i.next()).done); _n = true) {
          _arr.push(_s.value);
          if (i && _arr.length === i) break;
        }
      } catch (err) {
        _d = true;
        _e = err;
      } finally {
        try {
          if (!_n && _i["return"] != null) _i["return"]();
        } finally {
          if (_d) throw _e;
        }
      }
      return _arr;
    }
    function _toArray(arr) {
      return _arrayWithHoles2(arr) || _iterableToArray(arr) || _nonIterableRest2();
    }
    function _nonIterableRest2() {
      throw new TypeError("Invalid attempt to destructure non-iterable instance");
    }
    function _iterableToArray(iter) {
      if (Symbol.iterator in Object(iter) || Object.prototype.toString.call(iter) === "[object Arguments]") return Array.from(iter);
    }
    function _arrayWithHoles2(arr) {
      if (Array.isArray(arr)) return arr;
    }
    function asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, key, arg) {
      try {
        var info = gen[key](arg);
        var value = info.value;
      } catch (error) {
        reject(error);
        return;
      }
      if (info.done) {
        resolve3(value);
      } else {
        Promise.resolve(value).then(_next, _throw);
      }
    }
    function _asyncToGenerator2(fn) {
      return function() {
        var self2 = this, args = arguments;
        return new Promise(function(resolve3, reject) {
          var gen = fn.apply(self2, args);
          function _next(value) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "next", value);
          }
          function _throw(err) {
            asyncGeneratorStep2(gen, resolve3, reject, _next, _throw, "throw", err);
          }
          _next(void 0);
        });
      };
    }
    var Bottleneck3;
    var DEFAULT_PRIORITY;
    var Events2;
    var Job;
    var LocalDatastore;
    var NUM_PRIORITIES;
    var Queues;
    var RedisDatastore;
    var States;
    var Sync;
    var parser2;
    var splice = [].splice;
    NUM_PRIORITIES = 10;
    DEFAULT_PRIORITY = 5;
    parser2 = require_parser();
    Queues = require_Queues();
    Job = require_Job();
    LocalDatastore = require_LocalDatastore();
    RedisDatastore = require_RedisDatastore();
    Events2 = require_Events();
    States = require_States();
    Sync = require_Sync();
    Bottleneck3 = function() {
      class Bottleneck4 {
        constructor(options2 = {}, ...invalid) {
          var storeInstanceOptions, storeOptions;
          this._addToQueue = this._addToQueue.bind(this);
          this._validateOptions(options2, invalid);
          parser2.load(options2, this.instanceDefaults, this);
          this._queues = new Queues(NUM_PRIORITIES);
          this._scheduled = {};
          this._states = new States(["RECEIVED", "QUEUED", "RUNNING", "EXECUTING"].concat(this.trackDoneStatus ? ["DONE"] : []));
          this._limiter = null;
          this.Events = new Events2(this);
          this._submitLock = new Sync("submit", this.Promise);
          this._registerLock = new Sync("register", this.Promise);
          storeOptions = parser2.load(options2, this.storeDefaults, {});
          this._store = function() {
            if (this.datastore === "redis" || this.datastore === "ioredis" || this.connection != null) {
              storeInstanceOptions = parser2.load(options2, this.redisStoreDefaults, {});
              return new RedisDatastore(this, storeOptions, storeInstanceOptions);
            } else if (this.datastore === "local") {
              storeInstanceOptions = parser2.load(options2, this.localStoreDefaults, {});
              return new LocalDatastore(this, storeOptions, storeInstanceOptions);
            } else {
              throw new Bottleneck4.prototype.BottleneckError(`Invalid datastore type: ${this.datastore}`);
            }
          }.call(this);
          this._queues.on("leftzero", () => {
            var ref;
            return (ref = this._store.heartbeat) != null ? typeof ref.ref === "function" ? ref.ref() : void 0 : void 0;
          });
          this._queues.on("zero", () => {
            var ref;
            return (ref = this._store.heartbeat) != null ? typeof ref.unref === "function" ? ref.unref() : void 0 : void 0;
          });
        }
        _validateOptions(options2, invalid) {
          if (!(options2 != null && typeof options2 === "object" && invalid.length === 0)) {
            throw new Bottleneck4.prototype.BottleneckError("Bottleneck v2 takes a single object argument. Refer to https://github.com/SGrondin/bottleneck#upgrading-to-v2 if you're upgrading from Bottleneck v1.");
          }
        }
        ready() {
          return this._store.ready;
        }
        clients() {
          return this._store.clients;
        }
        channel() {
          return `b_${this.id}`;
        }
        channel_client() {
          return `b_${this.id}_${this._store.clientId}`;
        }
        publish(message) {
          return this._store.__publish__(message);
        }
        disconnect(flush = true) {
          return this._store.__disconnect__(flush);
        }
        chain(_limiter) {
          this._limiter = _limiter;
          return this;
        }
        queued(priority) {
          return this._queues.queued(priority);
        }
        clusterQueued() {
          return this._store.__queued__();
        }
        empty() {
          return this.queued() === 0 && this._submitLock.isEmpty();
        }
        running() {
          return this._store.__running__();
        }
        done() {
          return this._store.__done__();
        }
        jobStatus(id) {
          return this._states.jobStatus(id);
        }
        jobs(status) {
          return this._states.statusJobs(status);
        }
        counts() {
          return this._states.statusCounts();
        }
        _randomIndex() {
          return Math.random().toString(36).slice(2);
        }
        check(weight = 1) {
          return this._store.__check__(weight);
        }
        _clearGlobalState(index) {
          if (this._scheduled[index] != null) {
            clearTimeout(this._scheduled[index].expiration);
            delete this._scheduled[index];
            return true;
          } else {
            return false;
          }
        }
        _free(index, job, options2, eventInfo) {
          var _this = this;
          return _asyncToGenerator2(function* () {
            var e, running;
            try {
              var _ref = yield _this._store.__free__(index, options2.weight);
              running = _ref.running;
              _this.Events.trigger("debug", `Freed ${options2.id}`, eventInfo);
              if (running === 0 && _this.empty()) {
                return _this.Events.trigger("idle");
              }
            } catch (error1) {
              e = error1;
              return _this.Events.trigger("error", e);
            }
          })();
        }
        _run(index, job, wait) {
          var clearGlobalState, free, run;
          job.doRun();
          clearGlobalState = this._clearGlobalState.bind(this, index);
          run = this._run.bind(this, index, job);
          free = this._free.bind(this, index, job);
          return this._scheduled[index] = {
            timeout: setTimeout(() => {
              return job.doExecute(this._limiter, clearGlobalState, run, free);
            }, wait),
            expiration: job.options.expiration != null ? setTimeout(function() {
              return job.doExpire(clearGlobalState, run, free);
            }, wait + job.options.expiration) : void 0,
            job
          };
        }
        _drainOne(capacity) {
          return this._registerLock.schedule(() => {
            var args, index, next, options2, queue;
            if (this.queued() === 0) {
              return this.Promise.resolve(null);
            }
            queue = this._queues.getFirst();
            var _next2 = next = queue.first();
            options2 = _next2.options;
            args = _next2.args;
            if (capacity != null && options2.weight > capacity) {
              return this.Promise.resolve(null);
            }
            this.Events.trigger("debug", `Draining ${options2.id}`, {
              args,
              options: options2
            });
            index = this._randomIndex();
            return this._store.__register__(index, options2.weight, options2.expiration).then(({
              success,
              wait,
              reservoir
            }) => {
              var empty;
              this.Events.trigger("debug", `Drained ${options2.id}`, {
                success,
                args,
                options: options2
              });
              if (success) {
                queue.shift();
                empty = this.empty();
                if (empty) {
                  this.Events.trigger("empty");
                }
                if (reservoir === 0) {
                  this.Events.trigger("depleted", empty);
                }
                this._run(index, next, wait);
                return this.Promise.resolve(options2.weight);
              } else {
                return this.Promise.resolve(null);
              }
            });
          });
        }
        _drainAll(capacity, total = 0) {
          return this._drainOne(capacity).then((drained) => {
            var newCapacity;
            if (drained != null) {
              newCapacity = capacity != null ? capacity - drained : capacity;
              return this._drainAll(newCapacity, total + drained);
            } else {
              return this.Promise.resolve(total);
            }
          }).catch((e) => {
            return this.Events.trigger("error", e);
          });
        }
        _dropAllQueued(message) {
          return this._queues.shiftAll(function(job) {
            return job.doDrop({
              message
            });
          });
        }
        stop(options2 = {}) {
          var done, waitForExecuting;
          options2 = parser2.load(options2, this.stopDefaults);
          waitForExecuting = (at) => {
            var finished;
            finished = () => {
              var counts;
              counts = this._states.counts;
              return counts[0] + counts[1] + counts[2] + counts[3] === at;
            };
            return new this.Promise((resolve3, reject) => {
              if (finished()) {
                return resolve3();
              } else {
                return this.on("done", () => {
                  if (finished()) {
                    this.removeAllListeners("done");
                    return resolve3();
                  }
                });
              }
            });
          };
          done = options2.dropWaitingJobs ? (this._run = function(index, next) {
            return next.doDrop({
              message: options2.dropErrorMessage
            });
          }, this._drainOne = () => {
            return this.Promise.resolve(null);
          }, this._registerLock.schedule(() => {
            return this._submitLock.schedule(() => {
              var k, ref, v;
              ref = this._scheduled;
              for (k in ref) {
                v = ref[k];
                if (this.jobStatus(v.job.options.id) === "RUNNING") {
                  clearTimeout(v.timeout);
                  clearTimeout(v.expiration);
                  v.job.doDrop({
                    message: options2.dropErrorMessage
                  });
                }
              }
              this._dropAllQueued(options2.dropErrorMessage);
              return waitForExecuting(0);
            });
          })) : this.schedule({
            priority: NUM_PRIORITIES - 1,
            weight: 0
          }, () => {
            return waitForExecuting(1);
          });
          this._receive = function(job) {
            return job._reject(new Bottleneck4.prototype.BottleneckError(options2.enqueueErrorMessage));
          };
          this.stop = () => {
            return this.Promise.reject(new Bottleneck4.prototype.BottleneckError("stop() has already been called"));
          };
          return done;
        }
        _addToQueue(job) {
          var _this2 = this;
          return _asyncToGenerator2(function* () {
            var args, blocked, error, options2, reachedHWM, shifted, strategy;
            args = job.args;
            options2 = job.options;
            try {
              var _ref2 = yield _this2._store.__submit__(_this2.queued(), options2.weight);
              reachedHWM = _ref2.reachedHWM;
              blocked = _ref2.blocked;
              strategy = _ref2.strategy;
            } catch (error1) {
              error = error1;
              _this2.Events.trigger("debug", `Could not queue ${options2.id}`, {
                args,
                options: options2,
                error
              });
              job.doDrop({
                error
              });
              return false;
            }
            if (blocked) {
              job.doDrop();
              return true;
            } else if (reachedHWM) {
              shifted = strategy === Bottleneck4.prototype.strategy.LEAK ? _this2._queues.shiftLastFrom(options2.priority) : strategy === Bottleneck4.prototype.strategy.OVERFLOW_PRIORITY ? _this2._queues.shiftLastFrom(options2.priority + 1) : strategy === Bottleneck4.prototype.strategy.OVERFLOW ? job : void 0;
              if (shifted != null) {
                shifted.doDrop();
              }
              if (shifted == null || strategy === Bottleneck4.prototype.strategy.OVERFLOW) {
                if (shifted == null) {
                  job.doDrop();
                }
                return reachedHWM;
              }
            }
            job.doQueue(reachedHWM, blocked);
            _this2._queues.push(job);
            yield _this2._drainAll();
            return reachedHWM;
          })();
        }
        _receive(job) {
          if (this._states.jobStatus(job.options.id) != null) {
            job._reject(new Bottleneck4.prototype.BottleneckError(`A job with the same id already exists (id=${job.options.id})`));
            return false;
          } else {
            job.doReceive();
            return this._submitLock.schedule(this._addToQueue, job);
          }
        }
        submit(...args) {
          var cb, fn, job, options2, ref, ref1, task;
          if (typeof args[0] === "function") {
            var _ref3, _ref4, _splice$call, _splice$call2;
            ref = args, _ref3 = ref, _ref4 = _toArray(_ref3), fn = _ref4[0], args = _ref4.slice(1), _ref3, _splice$call = splice.call(args, -1), _splice$call2 = _slicedToArray2(_splice$call, 1), cb = _splice$call2[0], _splice$call;
            options2 = parser2.load({}, this.jobDefaults);
          } else {
            var _ref5, _ref6, _splice$call3, _splice$call4;
            ref1 = args, _ref5 = ref1, _ref6 = _toArray(_ref5), options2 = _ref6[0], fn = _ref6[1], args = _ref6.slice(2), _ref5, _splice$call3 = splice.call(args, -1), _splice$call4 = _slicedToArray2(_splice$call3, 1), cb = _splice$call4[0], _splice$call3;
            options2 = parser2.load(options2, this.jobDefaults);
          }
          task = (...args2) => {
            return new this.Promise(function(resolve3, reject) {
              return fn(...args2, function(...args3) {
                return (args3[0] != null ? reject : resolve3)(args3);
              });
            });
          };
          job = new Job(task, args, options2, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
          job.promise.then(function(args2) {
            return typeof cb === "function" ? cb(...args2) : void 0;
          }).catch(function(args2) {
            if (Array.isArray(args2)) {
              return typeof cb === "function" ? cb(...args2) : void 0;
            } else {
              return typeof cb === "function" ? cb(args2) : void 0;
            }
          });
          return this._receive(job);
        }
        schedule(...args) {
          var job, options2, task;
          if (typeof args[0] === "function") {
            var _args = args;
            var _args2 = _toArray(_args);
            task = _args2[0];
            args = _args2.slice(1);
            options2 = {};
          } else {
            var _args3 = args;
            var _args4 = _toArray(_args3);
            options2 = _args4[0];
            task = _args4[1];
            args = _args4.slice(2);
          }
          job = new Job(task, args, options2, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
          this._receive(job);
          return job.promise;
        }
        wrap(fn) {
          var schedule, wrapped;
          schedule = this.schedule.bind(this);
          wrapped = function wrapped2(...args) {
            return schedule(fn.bind(this), ...args);
          };
          wrapped.withOptions = function(options2, ...args) {
            return schedule(options2, fn, ...args);
          };
          return wrapped;
        }
        updateSettings(options2 = {}) {
          var _this3 = this;
          return _asyncToGenerator2(function* () {
            yield _this3._store.__updateSettings__(parser2.overwrite(options2, _this3.storeDefaults));
            parser2.overwrite(options2, _this3.instanceDefaults, _this3);
            return _this3;
          })();
        }
        currentReservoir() {
          return this._store.__currentReservoir__();
        }
        incrementReservoir(incr = 0) {
          return this._store.__incrementReservoir__(incr);
        }
      }
      ;
      Bottleneck4.default = Bottleneck4;
      Bottleneck4.Events = Events2;
      Bottleneck4.version = Bottleneck4.prototype.version = require_version().version;
      Bottleneck4.strategy = Bottleneck4.prototype.strategy = {
        LEAK: 1,
        OVERFLOW: 2,
        OVERFLOW_PRIORITY: 4,
        BLOCK: 3
      };
      Bottleneck4.BottleneckError = Bottleneck4.prototype.BottleneckError = require_BottleneckError();
      Bottleneck4.Group = Bottleneck4.prototype.Group = require_Group();
      Bottleneck4.RedisConnection = Bottleneck4.prototype.RedisConnection = require_RedisConnection();
      Bottleneck4.IORedisConnection = Bottleneck4.prototype.IORedisConnection = require_IORedisConnection();
      Bottleneck4.Batcher = Bottleneck4.prototype.Batcher = require_Batcher();
      Bottleneck4.prototype.jobDefaults = {
        priority: DEFAULT_PRIORITY,
        weight: 1,
        expiration: null,
        id: "<no-id>"
      };
      Bottleneck4.prototype.storeDefaults = {
        maxConcurrent: null,
        minTime: 0,
        highWater: null,
        strategy: Bottleneck4.prototype.strategy.LEAK,
        penalty: null,
        reservoir: null,
        reservoirRefreshInterval: null,
        reservoirRefreshAmount: null,
        reservoirIncreaseInterval: null,
        reservoirIncreaseAmount: null,
        reservoirIncreaseMaximum: null
      };
      Bottleneck4.prototype.localStoreDefaults = {
        Promise,
        timeout: null,
        heartbeatInterval: 250
      };
      Bottleneck4.prototype.redisStoreDefaults = {
        Promise,
        timeout: null,
        heartbeatInterval: 5e3,
        clientTimeout: 1e4,
        Redis: null,
        clientOptions: {},
        clusterNodes: null,
        clearDatastore: false,
        connection: null
      };
      Bottleneck4.prototype.instanceDefaults = {
        datastore: "local",
        connection: null,
        id: "<no-id>",
        rejectOnDrop: true,
        trackDoneStatus: false,
        Promise
      };
      Bottleneck4.prototype.stopDefaults = {
        enqueueErrorMessage: "This limiter has been stopped and cannot accept new jobs.",
        dropWaitingJobs: true,
        dropErrorMessage: "This limiter has been stopped."
      };
      return Bottleneck4;
    }.call(void 0);
    module2.exports = Bottleneck3;
  }
});

// node_modules/bottleneck/lib/index.js
var require_lib = __commonJS({
  "node_modules/bottleneck/lib/index.js"(exports2, module2) {
    "use strict";
    module2.exports = require_Bottleneck();
  }
});

// shared/src/gitops/promote.ts
import { mkdtempSync as mkdtempSync5, readFileSync as readFileSync2, rmSync as rmSync7, statSync, writeFileSync as writeFileSync6 } from "node:fs";
import { join as join10 } from "node:path";

// shared/src/boundary/folders.ts
import { lstatSync, mkdirSync, readdirSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
function listServiceFolder(root, folder, options2) {
  const rootReal = realRoot(root);
  resolveServiceFolder(root, folder, options2);
  const start = resolve(root, folder);
  const shownRoot = options2.display ?? displayOf(resolve(root), start, folder);
  const maxFiles = options2.maxFiles ?? MAX_FOLDER_FILES;
  const files = [];
  const seen = /* @__PURE__ */ new Set();
  const walk = (dir, shown2) => {
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = readdirSync(dir, { withFileTypes: true }).sort(
      (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    );
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const entryShown = `${shown2}/${entry.name}`;
      if (options2.symlinks === "refuse" && entry.name === ".git")
        throw new UserError({
          message: `${options2.what} '${shownRoot}' holds a nested '.git' (${entryShown}).`,
          hint: "Remove it: a published folder holds only the rendered files, never a repository of its own."
        });
      if (options2.skip?.(entry.name)) continue;
      let stat = lstatSync(path);
      if (stat.isSymbolicLink()) {
        if (options2.symlinks === "refuse")
          throw new UserError({
            message: `${options2.what} '${shownRoot}' holds a symbolic link (${entryShown}).`,
            hint: "idp publishes regular files only; replace the link with the file itself."
          });
        const target = resolveInside(rootReal, path, { what: options2.what, display: entryShown });
        if (target.real === void 0) continue;
        stat = lstatSync(target.real);
      }
      if (stat.isDirectory()) walk(path, entryShown);
      else if (stat.isFile()) {
        if (options2.include && !options2.include(path)) continue;
        files.push(path);
        if (files.length > maxFiles)
          throw new UserError({
            message: `${options2.what} '${shownRoot}' holds more than ${maxFiles} files.`,
            hint: "Name a smaller folder; a rendered environment holds tens of files."
          });
      } else throw notRegular(options2.what, entryShown, kindOf(stat));
    }
  };
  walk(start, shownRoot.replace(/\/+$/, ""));
  return files.sort();
}
function copyPublishableFolder(source, destination, options2) {
  const files = listServiceFolder(source, source, {
    what: options2.what,
    display: options2.display,
    symlinks: "refuse"
  });
  const root = resolve(source);
  const maxTotal = options2.maxTotalBytes ?? MAX_FOLDER_BYTES;
  let total = 0;
  for (const file of files) {
    const rel = relative(root, file);
    const bytes = readServiceBytes(root, file, {
      what: options2.what,
      display: `${options2.display}/${rel.split(sep).join("/")}`,
      maxBytes: options2.maxBytes ?? MAX_FILE_BYTES
    });
    total += bytes.length;
    if (total > maxTotal)
      throw new UserError({
        message: `${options2.what} '${options2.display}' holds more than ${size(maxTotal)} of files.`,
        hint: "A rendered environment is a few hundred KiB; promote the folder idp render wrote."
      });
    const target = join(destination, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  return files;
}
function passesThroughLink(root, path) {
  const rel = relative(resolve(root), resolve(path));
  if (rel === "" || !isInside(resolve(root), resolve(path))) return false;
  let probe = resolve(root);
  for (const part of rel.split(sep)) {
    probe = join(probe, part);
    try {
      if (lstatSync(probe).isSymbolicLink()) return true;
    } catch {
      return false;
    }
  }
  return false;
}

// node_modules/universal-user-agent/index.js
function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }
  if (typeof process === "object" && process.version !== void 0) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${process.arch})`;
  }
  return "<environment undetectable>";
}

// node_modules/before-after-hook/lib/register.js
function register(state, name2, method, options2) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }
  if (!options2) {
    options2 = {};
  }
  if (Array.isArray(name2)) {
    return name2.reverse().reduce((callback, name3) => {
      return register.bind(null, state, name3, callback, options2);
    }, method)();
  }
  return Promise.resolve().then(() => {
    if (!state.registry[name2]) {
      return method(options2);
    }
    return state.registry[name2].reduce((method2, registered) => {
      return registered.hook.bind(null, method2, options2);
    }, method)();
  });
}

// node_modules/before-after-hook/lib/add.js
function addHook(state, kind, name2, hook2) {
  const orig = hook2;
  if (!state.registry[name2]) {
    state.registry[name2] = [];
  }
  if (kind === "before") {
    hook2 = (method, options2) => {
      return Promise.resolve().then(orig.bind(null, options2)).then(method.bind(null, options2));
    };
  }
  if (kind === "after") {
    hook2 = (method, options2) => {
      let result;
      return Promise.resolve().then(method.bind(null, options2)).then((result_) => {
        result = result_;
        return orig(result, options2);
      }).then(() => {
        return result;
      });
    };
  }
  if (kind === "error") {
    hook2 = (method, options2) => {
      return Promise.resolve().then(method.bind(null, options2)).catch((error) => {
        return orig(error, options2);
      });
    };
  }
  state.registry[name2].push({
    hook: hook2,
    orig
  });
}

// node_modules/before-after-hook/lib/remove.js
function removeHook(state, name2, method) {
  if (!state.registry[name2]) {
    return;
  }
  const index = state.registry[name2].map((registered) => {
    return registered.orig;
  }).indexOf(method);
  if (index === -1) {
    return;
  }
  state.registry[name2].splice(index, 1);
}

// node_modules/before-after-hook/index.js
var bind = Function.bind;
var bindable = bind.bind(bind);
function bindApi(hook2, state, name2) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    name2 ? [state, name2] : [state]
  );
  hook2.api = { remove: removeHookRef };
  hook2.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = name2 ? [state, kind, name2] : [state, kind];
    hook2[kind] = hook2.api[kind] = bindable(addHook, null).apply(null, args);
  });
}
function Singular() {
  const singularHookName = /* @__PURE__ */ Symbol("Singular");
  const singularHookState = {
    registry: {}
  };
  const singularHook = register.bind(null, singularHookState, singularHookName);
  bindApi(singularHook, singularHookState, singularHookName);
  return singularHook;
}
function Collection() {
  const state = {
    registry: {}
  };
  const hook2 = register.bind(null, state);
  bindApi(hook2, state);
  return hook2;
}
var before_after_hook_default = { Singular, Collection };

// node_modules/@octokit/endpoint/dist-bundle/index.js
var VERSION = "0.0.0-development";
var userAgent = `octokit-endpoint.js/${VERSION} ${getUserAgent()}`;
var DEFAULTS = {
  method: "GET",
  baseUrl: "https://api.github.com",
  headers: {
    accept: "application/vnd.github.v3+json",
    "user-agent": userAgent
  },
  mediaType: {
    format: ""
  }
};
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
function mergeDeep(defaults, options2) {
  const result = Object.assign({}, defaults);
  Object.keys(options2).forEach((key) => {
    if (isPlainObject(options2[key])) {
      if (!(key in defaults)) Object.assign(result, { [key]: options2[key] });
      else result[key] = mergeDeep(defaults[key], options2[key]);
    } else {
      Object.assign(result, { [key]: options2[key] });
    }
  });
  return result;
}
function removeUndefinedProperties(obj) {
  for (const key in obj) {
    if (obj[key] === void 0) {
      delete obj[key];
    }
  }
  return obj;
}
function merge(defaults, route, options2) {
  if (typeof route === "string") {
    let [method, url] = route.split(" ");
    options2 = Object.assign(url ? { method, url } : { url: method }, options2);
  } else {
    options2 = Object.assign({}, route);
  }
  options2.headers = lowercaseKeys(options2.headers);
  removeUndefinedProperties(options2);
  removeUndefinedProperties(options2.headers);
  const mergedOptions = mergeDeep(defaults || {}, options2);
  if (options2.url === "/graphql") {
    if (defaults && defaults.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names = Object.keys(parameters);
  if (names.length === 0) {
    return url;
  }
  return url + separator + names.map((name2) => {
    if (name2 === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name2}=${encodeURIComponent(parameters[name2])}`;
  }).join("&");
}
var urlVariableRegex = /\{[^{}}]+\}/g;
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b) => a.concat(b), []);
}
function omit(object, keysToOmit) {
  const result = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result[key] = object[key];
    }
  }
  return result;
}
function encodeReserved(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, function(c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context, operator, key, modifier) {
  var value = context[key], result = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              result.push(encodeValue(operator, value[k], k));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              tmp.push(encodeUnreserved(k));
              tmp.push(encodeValue(operator, value[k].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result.push("");
    }
  }
  return result;
}
function parseUrl(template) {
  return {
    expand: expand.bind(null, template)
  };
}
function expand(template, context) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_, expression, literal) {
      if (expression) {
        let operator = "";
        const values = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values.push(getValues(context, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values.length !== 0 ? operator : "") + values.join(separator);
        } else {
          return values.join(",");
        }
      } else {
        return encodeReserved(literal);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}
function parse(options2) {
  let method = options2.method.toUpperCase();
  let url = (options2.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options2.headers);
  let body;
  let parameters = omit(options2, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options2.baseUrl + url;
  }
  const omittedParameters = Object.keys(options2).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options2.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options2.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options2.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options2.mediaType.previews).map((preview) => {
          const format = options2.mediaType.format ? `.${options2.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options2.request ? { request: options2.request } : null
  );
}
function endpointWithDefaults(defaults, route, options2) {
  return parse(merge(defaults, route, options2));
}
function withDefaults(oldDefaults, newDefaults) {
  const DEFAULTS2 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS2);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS2,
    defaults: withDefaults.bind(null, DEFAULTS2),
    merge: merge.bind(null, DEFAULTS2),
    parse
  });
}
var endpoint = withDefaults(null, DEFAULTS);

// node_modules/content-type/dist/index.js
var SP = 32;
var HTAB = 9;
var SEMI = 59;
var EQ = 61;
var DQUOTE = 34;
var BSLASH = 92;
var COMMA = 44;
var LOWER_CASE = 1;
var OWS = 2;
var SEMI_FLAG = 4;
var COMMA_FLAG = 8;
var TOKEN_FLAG = 16;
var NON_ASCII = 65280;
var CASE_FLAGS = LOWER_CASE | NON_ASCII;
var CHAR_MAP = new Uint8Array(256);
CHAR_MAP[HTAB] |= OWS;
CHAR_MAP[SP] |= OWS;
CHAR_MAP[SEMI] |= SEMI_FLAG;
CHAR_MAP[COMMA] |= COMMA_FLAG;
for (let code = 128; code <= 255; code++) {
  CHAR_MAP[code] |= LOWER_CASE;
}
for (const char of "!#$%&'*+-.^_`|~") {
  CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
}
for (let code = 48; code <= 57; code++) {
  CHAR_MAP[code] |= TOKEN_FLAG;
}
for (let code = 65; code <= 90; code++) {
  CHAR_MAP[code] |= LOWER_CASE | TOKEN_FLAG;
}
for (let code = 97; code <= 122; code++) {
  CHAR_MAP[code] |= TOKEN_FLAG;
}
var NullObject = /* @__PURE__ */ (() => {
  const C = function() {
  };
  C.prototype = /* @__PURE__ */ Object.create(null);
  return C;
})();
function parse2(header, options2) {
  const stopFlags = SEMI_FLAG | (options2?.comma === true ? COMMA_FLAG : 0);
  const len = header.length;
  let valueStart = options2?.start ?? 0;
  while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
    valueStart++;
  }
  let index = valueStart;
  let typeFlags = 0;
  let whitespace = -1;
  let stop = options2?.parameters === false ? COMMA_FLAG : 0;
  while (index < len) {
    const code = header.charCodeAt(index);
    const flags = CHAR_MAP[code];
    if ((flags & stopFlags) !== 0) {
      stop |= flags & COMMA_FLAG;
      break;
    }
    if ((flags & OWS) !== 0) {
      if (whitespace === -1)
        whitespace = index;
    } else {
      whitespace = -1;
    }
    typeFlags |= code & NON_ASCII | flags;
    index++;
  }
  const valueEnd = whitespace === -1 ? index : whitespace;
  const value = header.slice(valueStart, valueEnd);
  const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
  if (index === len || stop !== 0) {
    return { type, index, parameters: new NullObject() };
  }
  return parseParameters(header, type, index, len, stopFlags);
}
function parseParameters(header, type, index, len, stopFlags) {
  const parameters = new NullObject();
  parameter: while (index < len) {
    index++;
    while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
      index++;
    }
    const keyStart = index;
    let keyFlags = 0;
    let keyWhitespace = -1;
    while (index < len) {
      const code = header.charCodeAt(index);
      const flags = CHAR_MAP[code];
      if ((flags & stopFlags) !== 0) {
        if ((flags & COMMA_FLAG) !== 0)
          break parameter;
        continue parameter;
      }
      if (code === EQ) {
        const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
        const value = header.slice(keyStart, keyEnd);
        const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
        index++;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
          index++;
        }
        if (index < len && header.charCodeAt(index) === DQUOTE) {
          const quotedStart = ++index;
          let escaped = false;
          while (index < len) {
            const code2 = header.charCodeAt(index);
            if (code2 === DQUOTE) {
              if (parameters[key] === void 0) {
                parameters[key] = escaped ? unescapeQuotedPairs(header, quotedStart, index) : header.slice(quotedStart, index);
              }
              index++;
              let stop2 = 0;
              while (index < len) {
                const code3 = header.charCodeAt(index);
                const flags2 = CHAR_MAP[code3];
                if ((flags2 & stopFlags) !== 0) {
                  stop2 = flags2 & COMMA_FLAG;
                  break;
                }
                index++;
              }
              if (stop2 !== 0)
                break parameter;
              continue parameter;
            }
            if (code2 === BSLASH && index + 1 < len) {
              escaped = true;
              index += 2;
              continue;
            }
            index++;
          }
          continue parameter;
        }
        const valueStart = index;
        let stop = 0;
        let valueWhitespace = -1;
        while (index < len) {
          const code2 = header.charCodeAt(index);
          const flags2 = CHAR_MAP[code2];
          if ((flags2 & stopFlags) !== 0) {
            stop = flags2 & COMMA_FLAG;
            break;
          }
          if ((flags2 & OWS) !== 0) {
            if (valueWhitespace === -1)
              valueWhitespace = index;
          } else {
            valueWhitespace = -1;
          }
          index++;
        }
        if (parameters[key] === void 0) {
          const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
          parameters[key] = header.slice(valueStart, valueEnd);
        }
        if (stop !== 0)
          break parameter;
        continue parameter;
      }
      if ((flags & OWS) !== 0) {
        if (keyWhitespace === -1)
          keyWhitespace = index;
      } else {
        keyWhitespace = -1;
      }
      keyFlags |= code & NON_ASCII | flags;
      index++;
    }
  }
  return { type, index, parameters };
}
function unescapeQuotedPairs(str, start, end) {
  let result = "";
  for (let index = start; index < end; index++) {
    if (str.charCodeAt(index) === BSLASH) {
      result += str.slice(start, index);
      start = ++index;
    }
  }
  return result + str.slice(start, end);
}

// node_modules/json-with-bigint/json-with-bigint.js
var intRegex = /^-?\d+$/;
var noiseValue = /^-?\d+n+$/;
var originalStringify = JSON.stringify;
var originalParse = JSON.parse;
var customFormat = /^-?\d+n$/;
var bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
var noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;
var isUnstringifiable = (val) => val === void 0 || typeof val === "function" || typeof val === "symbol";
var isRawJSON = (val) => val !== null && typeof val === "object" && val.constructor && val.constructor.name === "RawJSON";
var stringifyIteratively = (rootValue, replacer, spaceParam) => {
  let space = "";
  if (typeof spaceParam === "number") {
    space = " ".repeat(Math.min(10, Math.max(0, Math.floor(spaceParam))));
  } else if (typeof spaceParam === "string") {
    space = spaceParam.slice(0, 10);
  }
  const isFunctionReplacer = typeof replacer === "function";
  const propertyList = Array.isArray(replacer) ? new Set(replacer.map(String)) : null;
  const prepareVal = (parent, key, val) => {
    const isObject = val !== null && typeof val === "object";
    const hasToJSON = isObject && typeof val.toJSON === "function";
    if (hasToJSON) {
      val = val.toJSON(key);
    }
    const isNoise = typeof val === "string" && noiseValue.test(val);
    if (isNoise) return val + "n";
    const isBigInt = typeof val === "bigint";
    if (isBigInt) {
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return JSON.rawJSON(val.toString());
      return val.toString() + "n";
    }
    if (isFunctionReplacer) {
      val = replacer.call(parent, key, val);
    }
    const isPostReplacerObject = val !== null && typeof val === "object";
    if (isPostReplacerObject) {
      const isPrimitiveWrapper = val instanceof Number || val instanceof String || val instanceof Boolean;
      if (isPrimitiveWrapper) {
        val = val.valueOf();
      }
    }
    return val;
  };
  const rootProcessed = prepareVal({ "": rootValue }, "", rootValue);
  if (isUnstringifiable(rootProcessed)) {
    return void 0;
  }
  const isRootPrimitive = rootProcessed === null || typeof rootProcessed !== "object";
  const isRootNativeRawJSON = isRawJSON(rootProcessed);
  if (isRootPrimitive || isRootNativeRawJSON) {
    return originalStringify(rootProcessed);
  }
  const chunks = [];
  let level = 0;
  const stack = [
    {
      parent: { "": rootProcessed },
      key: "",
      val: rootProcessed,
      isArray: Array.isArray(rootProcessed),
      keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
      index: 0,
      first: true
    }
  ];
  const visited = new WeakSet([rootProcessed]);
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (node.index === 0) {
      chunks.push(node.isArray ? "[" : "{");
      level++;
    }
    let isDone = false;
    if (node.isArray) {
      if (node.index < node.val.length) {
        if (!node.first) chunks.push(",");
        if (space) chunks.push("\n" + space.repeat(level));
        const childRaw = node.val[node.index];
        const childVal = prepareVal(node.val, String(node.index), childRaw);
        if (isUnstringifiable(childVal)) {
          chunks.push("null");
          node.first = false;
          node.index++;
        } else {
          const isComplexObject = childVal !== null && typeof childVal === "object";
          const isNativeRaw = isRawJSON(childVal);
          if (isComplexObject && !isNativeRaw) {
            if (visited.has(childVal)) {
              throw new TypeError("Converting circular structure to JSON");
            }
            visited.add(childVal);
            stack.push({
              parent: node.val,
              key: String(node.index),
              val: childVal,
              isArray: Array.isArray(childVal),
              keys: Array.isArray(childVal) ? null : Object.keys(childVal),
              index: 0,
              first: true
            });
            node.first = false;
            node.index++;
          } else {
            chunks.push(originalStringify(childVal));
            node.first = false;
            node.index++;
          }
        }
      } else {
        isDone = true;
      }
    } else {
      while (node.index < node.keys.length) {
        const k = node.keys[node.index++];
        const isFilteredOutByArray = propertyList && !propertyList.has(k);
        if (isFilteredOutByArray) continue;
        const childRaw = node.val[k];
        const childVal = prepareVal(node.val, k, childRaw);
        if (isUnstringifiable(childVal)) continue;
        if (!node.first) chunks.push(",");
        if (space) {
          chunks.push("\n" + space.repeat(level) + originalStringify(k) + ": ");
        } else {
          chunks.push(originalStringify(k) + ":");
        }
        const isComplexObject = childVal !== null && typeof childVal === "object";
        const isNativeRaw = isRawJSON(childVal);
        if (isComplexObject && !isNativeRaw) {
          if (visited.has(childVal)) {
            throw new TypeError("Converting circular structure to JSON");
          }
          visited.add(childVal);
          stack.push({
            parent: node.val,
            key: k,
            val: childVal,
            isArray: Array.isArray(childVal),
            keys: Array.isArray(childVal) ? null : Object.keys(childVal),
            index: 0,
            first: true
          });
          node.first = false;
          break;
        } else {
          chunks.push(originalStringify(childVal));
          node.first = false;
        }
      }
      const isNodeFullyProcessed = node.index >= node.keys.length && stack[stack.length - 1] === node;
      if (isNodeFullyProcessed) {
        isDone = true;
      }
    }
    if (isDone) {
      level--;
      if (!node.first && space) chunks.push("\n" + space.repeat(level));
      chunks.push(node.isArray ? "]" : "}");
      visited.delete(node.val);
      stack.pop();
    }
  }
  return chunks.join("");
};
var JSONStringify = (value, replacer, space) => {
  try {
    const supportsRawJSON = "rawJSON" in JSON;
    if (supportsRawJSON) {
      return originalStringify(
        value,
        (key, val) => {
          if (typeof val === "bigint") return JSON.rawJSON(val.toString());
          const hasFunctionReplacer = typeof replacer === "function";
          if (hasFunctionReplacer) return replacer(key, val);
          const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
          if (isKeyInArrayReplacer) return val;
          return val;
        },
        space
      );
    }
    if (!value) return originalStringify(value, replacer, space);
    const convertedToCustomJSON = originalStringify(
      value,
      (key, val) => {
        const isNoise = typeof val === "string" && noiseValue.test(val);
        if (isNoise) return val.toString() + "n";
        if (typeof val === "bigint") return val.toString() + "n";
        const hasFunctionReplacer = typeof replacer === "function";
        if (hasFunctionReplacer) return replacer(key, val);
        const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
        if (isKeyInArrayReplacer) return val;
        return val;
      },
      space
    );
    const processedJSON = convertedToCustomJSON.replace(
      bigIntsStringify,
      "$1$2$3"
    );
    const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3");
    return denoisedJSON;
  } catch (error) {
    if (error instanceof RangeError) {
      const convertedJSON = stringifyIteratively(value, replacer, space);
      if (convertedJSON === void 0) return void 0;
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return convertedJSON;
      const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");
      return processedJSON.replace(noiseStringify, "$1$2$3");
    }
    throw error;
  }
};
var featureCache = /* @__PURE__ */ new Map();
var isContextSourceSupported = () => {
  const parseFingerprint = JSON.parse.toString();
  if (featureCache.has(parseFingerprint)) {
    return featureCache.get(parseFingerprint);
  }
  try {
    const result = JSON.parse(
      "1",
      (_, __, context) => !!context?.source && context.source === "1"
    );
    featureCache.set(parseFingerprint, result);
    return result;
  } catch {
    featureCache.set(parseFingerprint, false);
    return false;
  }
};
var convertMarkedBigIntsReviver = (key, value, context, userReviver) => {
  const isCustomFormatBigInt = typeof value === "string" && customFormat.test(value);
  if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));
  const isNoiseValue = typeof value === "string" && noiseValue.test(value);
  if (isNoiseValue) return value.slice(0, -1);
  const hasUserReviver = typeof userReviver === "function";
  if (!hasUserReviver) return value;
  return userReviver(key, value, context);
};
var JSONParseV2 = (text2, reviver) => {
  return JSON.parse(text2, (key, value, context) => {
    const isNumber = typeof value === "number";
    const isOutOfBounds = value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
    const isBigNumber = isNumber && isOutOfBounds;
    const isInt = context && intRegex.test(context.source);
    const isBigInt = isBigNumber && isInt;
    if (isBigInt) return BigInt(context.source);
    const hasCustomReviver = typeof reviver === "function";
    if (!hasCustomReviver) return value;
    return reviver(key, value, context);
  });
};
var MAX_INT = Number.MAX_SAFE_INTEGER.toString();
var MAX_DIGITS = MAX_INT.length;
var stringsOrLargeNumbers = /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
var noiseValueWithQuotes = /^"-?\d+n+"$/;
var applyReviverIteratively = (parsed, userReviver) => {
  const rootHolder = { "": parsed };
  const stack = [{ parent: rootHolder, key: "", visited: false }];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (!node.visited) {
      node.visited = true;
      const value = node.parent[node.key];
      const isComplexObject = value !== null && typeof value === "object";
      if (isComplexObject) {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          stack.push({ parent: value, key: keys[i], visited: false });
        }
      }
    } else {
      const { parent, key } = node;
      let value = parent[key];
      if (typeof value === "string") {
        const isCustomFormatBigInt = customFormat.test(value);
        if (isCustomFormatBigInt) {
          value = BigInt(value.slice(0, -1));
        } else {
          const isNoise = noiseValue.test(value);
          if (isNoise) value = value.slice(0, -1);
        }
      }
      const hasUserReviver = typeof userReviver === "function";
      if (hasUserReviver) {
        value = userReviver.call(parent, key, value);
      }
      const isDeleted = value === void 0;
      if (isDeleted) {
        delete parent[key];
      } else {
        parent[key] = value;
      }
      stack.pop();
    }
  }
  return rootHolder[""];
};
var serializeBigInts = (text2) => {
  return text2.replace(
    stringsOrLargeNumbers,
    (match, digits, fractional, exponential) => {
      const isString = match[0] === '"';
      const isNoise = isString && noiseValueWithQuotes.test(match);
      if (isNoise) return match.substring(0, match.length - 1) + 'n"';
      const hasFractionalOrExponential = fractional || exponential;
      const isLessThanMaxSafeInt = digits && (digits.length < MAX_DIGITS || digits.length === MAX_DIGITS && digits <= MAX_INT);
      const isStandardValue = isString || hasFractionalOrExponential || isLessThanMaxSafeInt;
      if (isStandardValue) return match;
      return '"' + match + 'n"';
    }
  );
};
var JSONParse = (text2, reviver) => {
  if (!text2) return originalParse(text2, reviver);
  try {
    if (isContextSourceSupported()) return JSONParseV2(text2, reviver);
    const serializedData = serializeBigInts(text2);
    return originalParse(
      serializedData,
      (key, value, context) => convertMarkedBigIntsReviver(key, value, context, reviver)
    );
  } catch (error) {
    if (error instanceof RangeError) {
      const serializedData = serializeBigInts(text2);
      const parsed = originalParse(serializedData);
      return applyReviverIteratively(parsed, reviver);
    }
    throw error;
  }
};

// node_modules/@octokit/request-error/dist-src/index.js
var RequestError = class extends Error {
  name;
  /**
   * http status code
   */
  status;
  /**
   * Request options that lead to the error.
   */
  request;
  /**
   * Response object if a response was received
   */
  response;
  constructor(message, statusCode, options2) {
    super(message, { cause: options2.cause });
    this.name = "HttpError";
    this.status = Number.parseInt(statusCode);
    if (Number.isNaN(this.status)) {
      this.status = 0;
    }
    if ("response" in options2) {
      this.response = options2.response;
    }
    const requestCopy = Object.assign({}, options2.request);
    if (options2.request.headers.authorization) {
      requestCopy.headers = Object.assign({}, options2.request.headers, {
        authorization: options2.request.headers.authorization.replace(
          /(?<! ) .*$/,
          " [REDACTED]"
        )
      });
    }
    requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
    this.request = requestCopy;
  }
};

// node_modules/@octokit/request/dist-bundle/index.js
var VERSION2 = "10.0.16";
var defaults_default = {
  headers: {
    "user-agent": `octokit-request.js/${VERSION2} ${getUserAgent()}`
  }
};
function isPlainObject2(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
var noop = () => "";
async function fetchWrapper(requestOptions) {
  const fetch2 = requestOptions.request?.fetch || globalThis.fetch;
  if (!fetch2) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log = requestOptions.request?.log || console;
  const parseSuccessResponseBody = requestOptions.request?.parseSuccessResponseBody !== false;
  const body = isPlainObject2(requestOptions.body) || Array.isArray(requestOptions.body) ? JSONStringify(requestOptions.body) : requestOptions.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions.headers).map(([name2, value]) => [
      name2,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch2(requestOptions.url, {
      method: requestOptions.method,
      body,
      redirect: requestOptions.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log.warn(
      `[@octokit/request] "${requestOptions.method} ${requestOptions.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop);
  }
  const mimetype = parse2(contentType);
  if (isJSONResponse(mimetype)) {
    let text2 = "";
    try {
      text2 = await response.text();
      return JSONParse(text2);
    } catch (err) {
      return text2;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}
function withDefaults2(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route, parameters) {
    const endpointOptions = endpoint2.merge(route, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request2 = (route2, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route2, parameters2))
      );
    };
    Object.assign(request2, {
      endpoint: endpoint2,
      defaults: withDefaults2.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request2, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: withDefaults2.bind(null, endpoint2)
  });
}
var request = withDefaults2(endpoint, defaults_default);

// node_modules/@octokit/graphql/dist-bundle/index.js
var VERSION3 = "0.0.0-development";
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
var GraphqlResponseError = class extends Error {
  constructor(request2, headers, response) {
    super(_buildMessageForResponseErrors(response));
    this.request = request2;
    this.headers = headers;
    this.response = response;
    this.errors = response.errors;
    this.data = response.data;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  request;
  headers;
  response;
  name = "GraphqlResponseError";
  errors;
  data;
};
var NON_VARIABLE_OPTIONS = [
  "method",
  "baseUrl",
  "url",
  "headers",
  "request",
  "query",
  "mediaType",
  "operationName"
];
var FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
var GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
function graphql(request2, query, options2) {
  if (options2) {
    if (typeof query === "string" && "query" in options2) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options2) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options2) : query;
  const requestOptions = Object.keys(
    parsedOptions
  ).reduce((result, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result[key] = parsedOptions[key];
      return result;
    }
    if (!result.variables) {
      result.variables = {};
    }
    result.variables[key] = parsedOptions[key];
    return result;
  }, {});
  const baseUrl = parsedOptions.baseUrl || request2.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl)) {
    requestOptions.url = baseUrl.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request2(requestOptions).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}
function withDefaults3(request2, newDefaults) {
  const newRequest = request2.defaults(newDefaults);
  const newApi = (query, options2) => {
    return graphql(newRequest, query, options2);
  };
  return Object.assign(newApi, {
    defaults: withDefaults3.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}
var graphql2 = withDefaults3(request, {
  headers: {
    "user-agent": `octokit-graphql.js/${VERSION3} ${getUserAgent()}`
  },
  method: "POST",
  url: "/graphql"
});
function withCustomRequest(customRequest) {
  return withDefaults3(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}

// node_modules/@octokit/auth-token/dist-bundle/index.js
var b64url = "(?:[a-zA-Z0-9_-]+)";
var sep2 = "\\.";
var jwtRE = new RegExp(`^${b64url}${sep2}${b64url}${sep2}${b64url}$`);
var isJWT = jwtRE.test.bind(jwtRE);
async function auth(token) {
  const isApp = isJWT(token);
  const isInstallation = token.startsWith("v1.") || token.startsWith("ghs_");
  const isUserToServer = token.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token,
    tokenType
  };
}
function withAuthorizationPrefix(token) {
  if (token.split(/\./).length === 3) {
    return `bearer ${token}`;
  }
  return `token ${token}`;
}
async function hook(token, request2, route, parameters) {
  const endpoint2 = request2.endpoint.merge(
    route,
    parameters
  );
  endpoint2.headers.authorization = withAuthorizationPrefix(token);
  return request2(endpoint2);
}
var createTokenAuth = function createTokenAuth2(token) {
  if (!token) {
    throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
  }
  if (typeof token !== "string") {
    throw new Error(
      "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
    );
  }
  token = token.replace(/^(token|bearer) +/i, "");
  return Object.assign(auth.bind(null, token), {
    hook: hook.bind(null, token)
  });
};

// node_modules/@octokit/core/dist-src/version.js
var VERSION4 = "7.0.8";

// node_modules/@octokit/core/dist-src/index.js
var noop2 = () => {
};
var consoleWarn = console.warn.bind(console);
var consoleError = console.error.bind(console);
function createLogger(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = noop2;
  }
  if (typeof logger.info !== "function") {
    logger.info = noop2;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
var userAgentTrail = `octokit-core.js/${VERSION4} ${getUserAgent()}`;
var Octokit = class {
  static VERSION = VERSION4;
  static defaults(defaults) {
    const OctokitWithDefaults = class extends this {
      constructor(...args) {
        const options2 = args[0] || {};
        if (typeof defaults === "function") {
          super(defaults(options2));
          return;
        }
        super(
          Object.assign(
            {},
            defaults,
            options2,
            options2.userAgent && defaults.userAgent ? {
              userAgent: `${options2.userAgent} ${defaults.userAgent}`
            } : null
          )
        );
      }
    };
    return OctokitWithDefaults;
  }
  static plugins = [];
  /**
   * Attach a plugin (or many) to your Octokit instance.
   *
   * @example
   * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
   */
  static plugin(...newPlugins) {
    const currentPlugins = this.plugins;
    const NewOctokit = class extends this {
      static plugins = currentPlugins.concat(
        newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
      );
    };
    return NewOctokit;
  }
  constructor(options2 = {}) {
    const hook2 = new before_after_hook_default.Collection();
    const requestDefaults = {
      baseUrl: request.endpoint.DEFAULTS.baseUrl,
      headers: {},
      request: Object.assign({}, options2.request, {
        // @ts-ignore internal usage only, no need to type
        hook: hook2.bind(null, "request")
      }),
      mediaType: {
        previews: [],
        format: ""
      }
    };
    requestDefaults.headers["user-agent"] = options2.userAgent ? `${options2.userAgent} ${userAgentTrail}` : userAgentTrail;
    if (options2.baseUrl) {
      requestDefaults.baseUrl = options2.baseUrl;
    }
    if (options2.previews) {
      requestDefaults.mediaType.previews = options2.previews;
    }
    if (options2.timeZone) {
      requestDefaults.headers["time-zone"] = options2.timeZone;
    }
    this.request = request.defaults(requestDefaults);
    this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
    this.log = createLogger(options2.log);
    this.hook = hook2;
    if (!options2.authStrategy) {
      if (!options2.auth) {
        this.auth = async () => ({
          type: "unauthenticated"
        });
      } else {
        const auth2 = createTokenAuth(options2.auth);
        hook2.wrap("request", auth2.hook);
        this.auth = auth2;
      }
    } else {
      const { authStrategy, ...otherOptions } = options2;
      const auth2 = authStrategy(
        Object.assign(
          {
            request: this.request,
            log: this.log,
            // we pass the current octokit instance as well as its constructor options
            // to allow for authentication strategies that return a new octokit instance
            // that shares the same internal state as the current one. The original
            // requirement for this was the "event-octokit" authentication strategy
            // of https://github.com/probot/octokit-auth-probot.
            octokit: this,
            octokitOptions: otherOptions
          },
          options2.auth
        )
      );
      hook2.wrap("request", auth2.hook);
      this.auth = auth2;
    }
    const classConstructor = this.constructor;
    for (let i = 0; i < classConstructor.plugins.length; ++i) {
      Object.assign(this, classConstructor.plugins[i](this, options2));
    }
  }
  // assigned during constructor
  request;
  graphql;
  log;
  hook;
  // TODO: type `octokit.auth` based on passed options.authStrategy
  auth;
};

// node_modules/@octokit/plugin-retry/dist-bundle/index.js
var import_light = __toESM(require_light(), 1);
var VERSION5 = "0.0.0-development";
function isRequestError(error) {
  return error.request !== void 0;
}
async function errorRequest(state, octokit, error, options2) {
  if (!isRequestError(error) || !error?.request.request) {
    throw error;
  }
  if (error.status >= 400 && !state.doNotRetry.includes(error.status)) {
    const retries = options2.request.retries != null ? options2.request.retries : state.retries;
    const retryAfter = Math.pow((options2.request.retryCount || 0) + 1, 2);
    throw octokit.retry.retryRequest(error, retries, retryAfter);
  }
  throw error;
}
async function wrapRequest(state, octokit, request2, options2) {
  const limiter = new import_light.default();
  limiter.on("failed", function(error, info) {
    const maxRetries = ~~error.request.request?.retries;
    const after = ~~error.request.request?.retryAfter;
    options2.request.retryCount = info.retryCount + 1;
    if (maxRetries > info.retryCount) {
      return after * state.retryAfterBaseValue;
    }
  });
  return limiter.schedule(
    requestWithGraphqlErrorHandling.bind(null, state, octokit, request2),
    options2
  );
}
async function requestWithGraphqlErrorHandling(state, octokit, request2, options2) {
  const response = await request2(options2);
  if (response.data && response.data.errors && response.data.errors.length > 0 && /Something went wrong while executing your query/.test(
    response.data.errors[0].message
  )) {
    const error = new RequestError(response.data.errors[0].message, 500, {
      request: options2,
      response
    });
    return errorRequest(state, octokit, error, options2);
  }
  return response;
}
function retry(octokit, octokitOptions) {
  const state = Object.assign(
    {
      enabled: true,
      retryAfterBaseValue: 1e3,
      doNotRetry: [400, 401, 403, 404, 410, 422, 451],
      retries: 3
    },
    octokitOptions.retry
  );
  const retryPlugin = {
    retry: {
      retryRequest: (error, retries, retryAfter) => {
        error.request.request = Object.assign({}, error.request.request, {
          retries,
          retryAfter
        });
        return error;
      }
    }
  };
  if (state.enabled) {
    octokit.hook.error("request", errorRequest.bind(null, state, retryPlugin));
    octokit.hook.wrap("request", wrapRequest.bind(null, state, retryPlugin));
  }
  return retryPlugin;
}
retry.VERSION = VERSION5;

// node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var import_light2 = __toESM(require_light(), 1);
var VERSION6 = "0.0.0-development";
var noop3 = () => Promise.resolve();
function wrapRequest2(state, request2, options2) {
  return state.retryLimiter.schedule(doRequest, state, request2, options2);
}
async function doRequest(state, request2, options2) {
  const { pathname } = new URL(options2.url, "http://github.test");
  const isAuth = isAuthRequest(options2.method, pathname);
  const isWrite = !isAuth && options2.method !== "GET" && options2.method !== "HEAD";
  const isSearch = options2.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request2.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop3);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop3);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop3);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request2, options2);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck3, common) {
  groups.global = new Bottleneck3.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck3.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck3.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck3.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck3.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck: Bottleneck3 = import_light2.default,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck3, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck3();
    const events = {};
    const emitter = new Bottleneck3.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request2, options2] = info.args;
      const { pathname } = new URL(options2.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request2.retryCount;
      request2.retryCount = retryCount;
      options2.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options2,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options2,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request2.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request2, options2) => {
    initializeBottleneck();
    return wrapRequest2(state, request2, options2);
  });
  return {};
}
throttling.VERSION = VERSION6;
throttling.triggersNotification = triggersNotification;

// shared/src/github/client.ts
var import_bottleneck = __toESM(require_lib(), 1);

// shared/src/boundary/remote-replies.ts
var REASON_LENGTH = 200;
var CREDENTIALS = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bv1\.[0-9a-f]{40}\b/g,
  // GitHub App installation tokens (old format)
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // JWTs
  /\b(Bearer|Basic|token)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /(\/\/)[^/\s:@]+:[^/\s@]+@/g
  // credentials in a URL
];
function shortReason(text2) {
  if (typeof text2 !== "string") return void 0;
  let line = text2.slice(0, 4 * REASON_LENGTH).split(/\r?\n|\r/, 1)[0] ?? "";
  line = Array.from(line, (c) => isControl(c) ? " " : c).join("").trim();
  for (const pattern of CREDENTIALS)
    line = line.replace(
      pattern,
      (match, prefix) => typeof prefix === "string" && /^(\/\/|Bearer|Basic|token)$/i.test(prefix) ? `${prefix}${prefix === "//" ? "***@" : " ***"}` : "***"
    );
  if (line === "") return void 0;
  return line.length > REASON_LENGTH ? `${line.slice(0, REASON_LENGTH - 1)}…` : line;
}
function isControl(c) {
  const code = c.codePointAt(0) ?? 0;
  return code < 32 || code >= 127 && code <= 159 || code === 8232 || code === 8233;
}
function replyReason(body) {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return void 0;
  const record = body;
  if (typeof record.message === "string") return shortReason(record.message);
  const error = record.error;
  if (typeof error?.message === "string")
    return shortReason(
      typeof error.name === "string" ? `${error.name}: ${error.message}` : error.message
    );
  return void 0;
}
function statusText(status, reason) {
  return reason ? `HTTP ${status}: ${reason}` : `HTTP ${status}`;
}

// shared/src/github/client.ts
var IdpOctokit = Octokit.plugin(retry, throttling);
var DEFAULT_REQUEST_TIMEOUT_MS = 3e4;
var DEFAULT_MAX_RATE_LIMIT_WAIT = 90;
var GitHubApiError = class extends Error {
  constructor(message, status, reason) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.name = "GitHubApiError";
  }
  status;
  reason;
};
function createGitHubClient(options2) {
  const { logger } = options2;
  logger.setSecret(options2.token);
  const retries = options2.retries ?? 3;
  const unit = options2.retryUnitMs ?? 1e3;
  const requestTimeoutMs = options2.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxWait = options2.maxRateLimitWait ?? DEFAULT_MAX_RATE_LIMIT_WAIT;
  const onLimit = (what) => (retryAfter, request2, _octokit, count) => {
    const again = count < retries && retryAfter <= maxWait;
    logger.warning(
      `GitHub ${what} on ${request2.method} ${request2.url}; ${again ? `retrying in ${retryAfter} s` : retryAfter > maxWait ? `giving up (it resets in ${retryAfter} s)` : "giving up"}.`
    );
    return again;
  };
  const client = new IdpOctokit({
    auth: options2.token,
    baseUrl: options2.baseUrl.replace(/\/+$/, ""),
    userAgent: "idp-promote",
    request: { fetch: fetchWithTimeout(requestTimeoutMs) },
    retry: { retries, retryAfterBaseValue: unit },
    throttle: {
      retryAfterBaseValue: unit,
      fallbackSecondaryRateRetryAfter: 60,
      ...options2.writeSpacingMs === void 0 ? {} : {
        write: new import_bottleneck.default.Group({ maxConcurrent: 1, minTime: options2.writeSpacingMs })
      },
      onRateLimit: onLimit("rate limit"),
      onSecondaryRateLimit: onLimit("secondary rate limit")
    },
    log: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.debug(message),
      warn: (message) => logger.warning(message),
      error: (message) => logger.error(message)
    }
  });
  client.hook.wrap("request", async (request2, endpoint2) => {
    try {
      return await request2(endpoint2);
    } catch (error) {
      throw toGitHubApiError(error, `${endpoint2.method} ${String(endpoint2.url)}`, requestTimeoutMs);
    }
  });
  return client;
}
function fetchWithTimeout(ms) {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}
function toGitHubApiError(error, what, requestTimeoutMs) {
  const status = statusOf(error);
  if (status === void 0 || error instanceof GitHubApiError) return error;
  const data = error.response?.data;
  const timedOut = isTimeout(error);
  const reason = timedOut ? `did not answer within ${requestTimeoutMs / 1e3} s` : replyReason(data) ?? (data === void 0 ? networkReason(error) : void 0);
  const message = timedOut ? `GitHub ${what} ${reason}.` : `GitHub ${what} failed (${statusText(status, reason)}).`;
  return new GitHubApiError(message, status, reason);
}
function isTimeout(error) {
  for (let e = error; e; e = e.cause)
    if (e.name === "TimeoutError") return true;
  return /TimeoutError|aborted due to timeout/i.test(String(error.message));
}
function networkReason(error) {
  return shortReason(error.message);
}
function gitHubErrorReason(error) {
  const errors = error.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const messages = errors.map((e) => e.message).filter((m) => typeof m === "string");
    const reason = shortReason(messages.join("; "));
    if (reason) return reason;
  }
  if (error instanceof GitHubApiError) return error.reason ?? `HTTP ${error.status}`;
  return shortReason(error?.message) ?? "unknown error";
}
function statusOf(error) {
  const status = error?.status;
  return typeof status === "number" ? status : void 0;
}

// shared/src/github/pull-requests.ts
var MAX_BODY_CHARS = 65536;
async function upsertPullRequest(client, spec, logger) {
  const body = truncateBody(spec.body);
  let pull = await findOpenPullRequest(client, spec);
  let operation = "updated";
  if (!pull) {
    try {
      const created = await client.request("POST /repos/{owner}/{repo}/pulls", {
        owner: spec.owner,
        repo: spec.repo,
        head: spec.head,
        base: spec.base,
        title: spec.title,
        body
      });
      pull = created.data;
      operation = "created";
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
      pull = await findOpenPullRequest(client, spec);
      if (!pull) throw error;
    }
  }
  if (operation === "updated") {
    await client.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
      owner: spec.owner,
      repo: spec.repo,
      pull_number: pull.number,
      title: spec.title,
      body
    });
  }
  logger.info(`Pull request #${pull.number} ${operation}: ${pull.html_url}`);
  if (spec.labels && spec.labels.length > 0) {
    await client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
      owner: spec.owner,
      repo: spec.repo,
      issue_number: pull.number,
      labels: [...spec.labels]
    });
  }
  let autoMergeEnabled;
  if (spec.autoMerge) autoMergeEnabled = await enableAutoMerge(client, pull, spec.autoMerge, logger);
  return { number: pull.number, url: pull.html_url, operation, autoMergeEnabled };
}
async function findOpenPullRequest(client, spec) {
  const response = await client.request("GET /repos/{owner}/{repo}/pulls", {
    owner: spec.owner,
    repo: spec.repo,
    state: "open",
    head: `${spec.owner}:${spec.head}`,
    base: spec.base,
    per_page: 10
  });
  return response.data[0];
}
async function enableAutoMerge(client, pull, method, logger) {
  try {
    await client.graphql(
      `mutation($id: ID!, $mergeMethod: PullRequestMergeMethod!) {
        enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: $mergeMethod }) {
          pullRequest { number }
        }
      }`,
      { id: pull.node_id, mergeMethod: method.toUpperCase() }
    );
    logger.info(`Auto-merge (${method}) enabled on #${pull.number}.`);
    return true;
  } catch (error) {
    logger.warning(
      `Could not enable auto-merge on #${pull.number}: ${gitHubErrorReason(error)}. Allow auto-merge in the repository settings, or merge by hand.`
    );
    return false;
  }
}
function truncateBody(body) {
  if (body.length <= MAX_BODY_CHARS) return body;
  const note = "\n\n… (cut to fit GitHub’s 65,536-character limit; the full diff is in the job summary)\n";
  return body.slice(0, MAX_BODY_CHARS - note.length) + note;
}

// shared/src/render/record.ts
var RENDER_RECORD_PATH = ".idp/render.json";

// shared/src/runtime/private-temp.ts
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join2 } from "node:path";
function privateTempRoot(env = process.env) {
  const parent = env.RUNNER_TEMP || tmpdir();
  const known = roots.get(parent);
  if (known && existsSync(known)) return known;
  const root = mkdtempSync(join2(parent, "idp-run-"));
  roots.set(parent, root);
  watchProcess();
  return root;
}
var roots = /* @__PURE__ */ new Map();
var watching = false;
function removeAll() {
  for (const root of roots.values()) rmSync(root, { recursive: true, force: true });
  roots.clear();
}
function watchProcess() {
  if (watching) return;
  watching = true;
  process.once("exit", removeAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => {
      removeAll();
      process.kill(process.pid, signal);
    });
  }
}

// shared/src/gitops/deployed-renders.ts
import { posix } from "node:path";

// shared/src/gitops/gitops-checkout.ts
import { mkdirSync as mkdirSync2, mkdtempSync as mkdtempSync2, rmSync as rmSync3 } from "node:fs";
import { join as join4 } from "node:path";

// shared/src/gitops/git-auth-helper.ts
import { randomUUID } from "node:crypto";
import { closeSync, existsSync as existsSync2, openSync, rmSync as rmSync2, unlinkSync, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join3 } from "node:path";
var AUTH_FD = 3;
function configureGitAuth(remoteUrl, token, logger, env = process.env) {
  const origin = httpOrigin(remoteUrl);
  if (!token || !origin) return { env: {}, remove: () => void 0 };
  const basic = Buffer.from(`x-access-token:${token}`, "utf8").toString("base64");
  logger.setSecret(token);
  logger.setSecret(basic);
  const file = join3(privateTempRoot(env), `git-auth-${randomUUID()}.config`);
  writeFileSync2(file, `[http "${origin}/"]
	extraheader = AUTHORIZATION: basic ${basic}
`, {
    mode: 384,
    flag: "wx"
  });
  const base = Number(env.GIT_CONFIG_COUNT ?? "0") || 0;
  const include = (path) => ({
    GIT_CONFIG_COUNT: String(base + 1),
    [`GIT_CONFIG_KEY_${base}`]: "include.path",
    [`GIT_CONFIG_VALUE_${base}`]: path
  });
  if (!existsSync2("/proc/self/fd")) {
    return { env: include(file), remove: () => rmSync2(file, { force: true }) };
  }
  const fd = openSync(file, "r");
  unlinkSync(file);
  let closed = false;
  return {
    env: include(`/proc/self/fd/${AUTH_FD}`),
    fd,
    remove: () => {
      if (closed) return;
      closed = true;
      closeSync(fd);
    }
  };
}
function httpOrigin(remoteUrl) {
  if (!/^https?:\/\//i.test(remoteUrl)) return void 0;
  const url = new URL(remoteUrl);
  return `${url.protocol}//${url.host}`;
}

// shared/src/gitops/git-process.ts
import { spawn } from "node:child_process";
var DEFAULT_GIT_LIMITS = {
  commandTimeoutMs: 10 * 6e4,
  lowSpeedLimit: 1e3,
  lowSpeedTime: 30
};
var runningGroups = /* @__PURE__ */ new Set();
var exitHookInstalled = false;
function killGroup(pid) {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
    }
  }
}
function trackGroup(pid) {
  runningGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const group of runningGroups) killGroup(group);
  });
}
function runGit(context, args, options2 = {}) {
  const cwd = options2.cwd ?? context.workingDirectory;
  context.logger.debug(`git ${args.join(" ")}`);
  const name2 = args[0] === "-c" ? args.find((a) => !a.includes("=") && a !== "-c") : args[0];
  const { commandTimeoutMs, lowSpeedLimit, lowSpeedTime } = context.limits;
  const limited = [
    ...["-c", `http.lowSpeedLimit=${lowSpeedLimit}`, "-c", `http.lowSpeedTime=${lowSpeedTime}`],
    ...args
  ];
  return new Promise((resolve3, reject) => {
    const child = spawn("git", limited, {
      // Its own process group: a timeout kills git and everything it started (ssh, helpers).
      detached: true,
      cwd,
      // No INPUT_* and no other secret of idp's environment; prompts off (git-environment.ts).
      env: gitEnvironment(process.env, context.extraEnv),
      stdio: [
        options2.input === void 0 ? "ignore" : "pipe",
        "pipe",
        "pipe",
        ...context.authFd === void 0 ? [] : [context.authFd]
      ]
    });
    const out = [];
    const err = [];
    child.stdout?.on("data", (chunk) => out.push(chunk));
    child.stderr?.on("data", (chunk) => err.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== void 0) killGroup(child.pid);
    }, commandTimeoutMs);
    if (child.pid !== void 0) trackGroup(child.pid);
    const settle = () => {
      clearTimeout(timer);
      if (child.pid !== void 0) runningGroups.delete(child.pid);
    };
    child.on("error", (error) => {
      settle();
      reject(error);
    });
    child.on("close", (code) => {
      settle();
      if (timedOut) {
        reject(
          new Error(
            `git ${name2} did not finish within ${commandTimeoutMs / 1e3} s; idp stopped it. Check that the remote is reachable and answers.`
          )
        );
        return;
      }
      const result = {
        exitCode: code ?? 128,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8")
      };
      if (result.exitCode !== 0 && !options2.allowAllExitCodes) {
        reject(new Error(`git ${name2} failed (exit ${result.exitCode}): ${result.stderr.trim()}`));
        return;
      }
      resolve3(result);
    });
    if (child.stdin) {
      child.stdin.on("error", () => void 0);
      child.stdin.end(options2.input);
    }
  });
}

// shared/src/gitops/git-command-manager.ts
var MINIMUM_GIT_VERSION = [2, 31];
var GitCommandManager = class _GitCommandManager {
  constructor(workingDirectory, logger, extraEnv, limits, authFd) {
    this.workingDirectory = workingDirectory;
    this.logger = logger;
    this.extraEnv = extraEnv;
    this.limits = limits;
    this.authFd = authFd;
  }
  workingDirectory;
  logger;
  extraEnv;
  limits;
  authFd;
  static async create(workingDirectory, logger, extraEnv = {}, limits = DEFAULT_GIT_LIMITS) {
    const git = new _GitCommandManager(workingDirectory, logger, extraEnv, limits);
    await git.assertVersion();
    return git;
  }
  /** The same manager with more environment (e.g. the auth include); no version check again. */
  withEnv(extraEnv) {
    return new _GitCommandManager(
      this.workingDirectory,
      this.logger,
      { ...this.extraEnv, ...extraEnv },
      this.limits,
      this.authFd
    );
  }
  /** The same manager handing git the token as `configureGitAuth` prepared it. */
  withAuth(auth2) {
    return new _GitCommandManager(
      this.workingDirectory,
      this.logger,
      { ...this.extraEnv, ...auth2.env },
      this.limits,
      auth2.fd
    );
  }
  async init(branch) {
    await this.exec(["init", "--quiet", `--initial-branch=${branch}`]);
  }
  async remoteAdd(name2, url) {
    await this.exec(["remote", "add", name2, url]);
  }
  async config(key, value) {
    await this.exec(["config", "--local", key, value]);
  }
  /** Removes a local config key; false when it was not set. */
  async tryConfigUnset(key) {
    const result = await this.exec(["config", "--local", "--unset-all", key], {
      allowAllExitCodes: true
    });
    return result.exitCode === 0;
  }
  /** Cone-mode sparse checkout of the given folders (files at the root come along, by git's rule). */
  async sparseCheckoutSet(folders) {
    await this.exec(["sparse-checkout", "set", "--cone", "--", ...folders]);
  }
  /** `refs/heads/<branch>` on the remote, or undefined when the branch does not exist. */
  async lsRemoteBranch(remote, branch) {
    const out = await this.exec(["ls-remote", "--heads", remote, `refs/heads/${branch}`]);
    const line = out.stdout.split("\n").find((l) => l.endsWith(`	refs/heads/${branch}`));
    return line ? line.split("	")[0] : void 0;
  }
  /** The branch the remote's HEAD points at, or undefined for an empty repository. */
  async lsRemoteDefaultBranch(remote) {
    const out = await this.exec(["ls-remote", "--symref", remote, "HEAD"]);
    const match = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(out.stdout);
    return match ? match[1] : void 0;
  }
  /**
   * Fetches one branch tip into `refs/remotes/<remote>/<branch>`. Returns false when the server
   * refused the fetch (so a caller can retry without the filter).
   */
  async tryFetchBranch(remote, branch, options2) {
    const args = ["fetch", "--quiet", "--no-tags", "--prune", "--no-recurse-submodules"];
    args.push("--no-auto-maintenance");
    if (options2.depth) args.push(`--depth=${options2.depth}`);
    if (options2.filter) args.push(`--filter=${options2.filter}`);
    args.push(remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`);
    const result = await this.exec(args, { allowAllExitCodes: true });
    if (result.exitCode !== 0) this.logger.debug(`git fetch failed: ${result.stderr.trim()}`);
    return result.exitCode === 0;
  }
  /** Points `branch` at `startPoint` and makes the (sparse) worktree match it exactly. */
  async checkoutReset(branch, startPoint) {
    await this.exec(["checkout", "--quiet", "--force", "-B", branch, startPoint]);
    await this.exec(["reset", "--quiet", "--hard", startPoint]);
  }
  /** Starts a branch with no history (the first promotion into an empty repository or branch). */
  async checkoutOrphan(branch) {
    await this.exec(["symbolic-ref", "HEAD", `refs/heads/${branch}`]);
    await this.exec(["update-ref", "-d", `refs/heads/${branch}`]);
    await this.exec(["read-tree", "--empty"]);
  }
  /** Stages every addition, change and removal under `path`, and nothing else. */
  async addAll(path) {
    await this.exec(["add", "--all", "--", path]);
  }
  async hasStagedChanges() {
    const result = await this.exec(["diff", "--cached", "--quiet"], { allowAllExitCodes: true });
    if (result.exitCode > 1) throw new Error(`git diff --cached failed: ${result.stderr.trim()}`);
    return result.exitCode === 1;
  }
  /** Commits the index; the message goes through stdin so it never shows up on a command line. */
  async commit(message, identity) {
    const who = [
      "-c",
      `user.name=${identity.name}`,
      "-c",
      `user.email=${identity.email}`,
      "-c",
      "commit.gpgsign=false"
    ];
    await this.exec([...who, "commit", "--quiet", "--no-verify", "--file=-"], {
      input: message
    });
    return this.revParse("HEAD");
  }
  async revParse(rev) {
    return (await this.exec(["rev-parse", "--verify", "--end-of-options", rev])).stdout.trim();
  }
  async tryRevParse(rev) {
    const result = await this.exec(["rev-parse", "--verify", "--quiet", "--end-of-options", rev], {
      allowAllExitCodes: true
    });
    return result.exitCode === 0 ? result.stdout.trim() : void 0;
  }
  /** A file's text at a revision (fetched lazily in a blobless clone), or undefined when absent. */
  async tryShowFile(rev, path) {
    const result = await this.exec(["show", `${rev}:${path}`], { allowAllExitCodes: true });
    return result.exitCode === 0 ? result.stdout : void 0;
  }
  /** The names of the folders directly inside `folder` at a revision (trees only; no blob is read). */
  async lsTreeFolders(rev, folder) {
    const args = ["ls-tree", "-d", "-z", "--name-only", rev, "--", `${folder}/`];
    const result = await this.exec(args, { allowAllExitCodes: true });
    if (result.exitCode !== 0) return [];
    return result.stdout.split("\0").filter(Boolean).map((path) => path.slice(folder.length + 1));
  }
  /** The best common ancestor of two commits, or undefined when they share no history. */
  async mergeBase(a, b) {
    const result = await this.exec(["merge-base", "--end-of-options", a, b], {
      allowAllExitCodes: true
    });
    return result.exitCode === 0 ? result.stdout.trim() : void 0;
  }
  /** Paths that differ between two commits (renames as a removal and an addition). */
  async changedPaths(from, to) {
    const args = ["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", from, to, "--"];
    return (await this.exec(args)).stdout.split("\0").filter(Boolean);
  }
  /** Commits reachable from `head` but not from `base`, newest first, at most `max` (+1 to detect more). */
  async commitsBetween(base, head, max) {
    const args = ["rev-list", `--max-count=${max + 1}`, head, `^${base}`, "--"];
    return (await this.exec(args)).stdout.split("\n").filter(Boolean);
  }
  /** Author, committer, parents and full message of one commit. */
  async commitInfo(sha) {
    const format = "%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%B";
    const out = (await this.exec(["show", "-s", `--format=${format}`, sha, "--"])).stdout;
    const [commit, parents, authorName, authorEmail, committerName, committerEmail, ...rest] = out.split("\0");
    return {
      sha: commit,
      parents: parents.split(" ").filter(Boolean),
      author: { name: authorName, email: authorEmail },
      committer: { name: committerName, email: committerEmail },
      message: rest.join("\0").replace(/\n$/, "")
    };
  }
  /** Paths one commit changed against each of its parents (against nothing for a root commit). */
  async commitPaths(sha) {
    const args = ["diff-tree", "-r", "-z", "-m", "--root", "--no-commit-id", "--name-only", sha];
    const paths = (await this.exec(args)).stdout.split("\0").filter(Boolean);
    return [...new Set(paths)];
  }
  /** Deletes a remote branch only while it still points at `expectedOld` (a lease). */
  async deleteRemoteBranch(remote, branch, expectedOld) {
    const args = ["push", "--porcelain", "--no-verify"];
    args.push(`--force-with-lease=refs/heads/${branch}:${expectedOld}`);
    args.push(remote, `:refs/heads/${branch}`);
    return this.exec(args, { allowAllExitCodes: true });
  }
  /** Pushes `HEAD` (or `source`) to the remote branch; the exit code is returned, never trusted for the reason. */
  async push(remote, branch, options2 = {}) {
    const args = ["push", "--porcelain", "--no-verify"];
    if (options2.expectedOld !== void 0)
      args.push(`--force-with-lease=refs/heads/${branch}:${options2.expectedOld ?? ""}`);
    args.push(remote, `${options2.source ?? "HEAD"}:refs/heads/${branch}`);
    return this.exec(args, { allowAllExitCodes: true });
  }
  /** Unified diff of two folders or files outside any repository (for dry runs). */
  async diffNoIndex(cwd, before, after) {
    const result = await this.exec(
      ["diff", "--no-index", "--no-color", "--no-ext-diff", "--no-prefix", "--", before, after],
      { allowAllExitCodes: true, cwd }
    );
    if (result.exitCode > 1) throw new Error(`git diff --no-index failed: ${result.stderr.trim()}`);
    return result.stdout;
  }
  // Plumbing for path-only promotion (publish-path.ts): objects are fetched by id, trees are read and
  // written one folder at a time, and no index or worktree of the repository is ever built.
  /** Fetches objects by id with a filter (`tree:0`: just those trees); false when git could not. */
  async tryFetchObjects(remote, ids, filter) {
    const args = ["-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", "--no-tags"];
    args.push("--no-write-fetch-head", "--no-recurse-submodules", "--no-auto-maintenance");
    args.push(`--filter=${filter}`, remote);
    const result = await this.exec([...args, ...ids], { allowAllExitCodes: true });
    if (result.exitCode !== 0)
      this.logger.debug(`git fetch of objects failed: ${result.stderr.trim()}`);
    return result.exitCode === 0;
  }
  /** The entries of one tree (not recursive), or with `recursive` every blob under it. */
  async lsTree(tree, recursive = false) {
    const args = ["ls-tree", "-z", "--full-tree", ...recursive ? ["-r"] : [], tree];
    return (await this.exec(args)).stdout.split("\0").filter(Boolean).map((line) => {
      const [meta, name2] = [line.slice(0, line.indexOf("	")), line.slice(line.indexOf("	") + 1)];
      const [mode, type, id] = meta.split(" ");
      return { mode, type, id, name: name2 };
    });
  }
  /** Writes a tree from entries whose objects may be absent here (the folders beside the path). */
  async mkTree(entries) {
    const input = entries.map((e) => `${e.mode} ${e.type} ${e.id}	${e.name}\0`).join("");
    return (await this.exec(["mktree", "-z", "--missing"], { input })).stdout.trim();
  }
  /** Stores files as blobs (no filters, no attributes); their ids in order. */
  async hashFiles(paths) {
    if (paths.length === 0) return [];
    const args = ["hash-object", "-w", "--no-filters", "--stdin-paths"];
    const out = await this.exec(args, { input: paths.join("\n") + "\n" });
    return out.stdout.split("\n").filter(Boolean);
  }
  /**
   * A commit's id and its root tree's id in one process, read from the commit object alone (`%T` is
   * the commit's tree field: the tree itself is neither read nor fetched).
   */
  async commitAndTree(rev) {
    const args = ["log", "-1", "--no-walk", "--format=%H %T", "--end-of-options", rev, "--"];
    const [commit, tree] = (await this.exec(args)).stdout.trim().split(" ");
    if (!/^[0-9a-f]{40,64}$/.test(commit) || !/^[0-9a-f]{40,64}$/.test(tree ?? ""))
      throw new Error(`git log printed no commit and tree for ${rev}`);
    return { commit, tree };
  }
  /** A blob's bytes as text (fetched lazily in a partial clone). */
  async catBlob(id) {
    return (await this.exec(["cat-file", "blob", id])).stdout;
  }
  /** Makes a commit object of a tree; the message goes through stdin. */
  async commitTree(tree, parents, message, identity) {
    const who = ["-c", `user.name=${identity.name}`, "-c", `user.email=${identity.email}`];
    const args = [...who, "-c", "commit.gpgsign=false", "commit-tree", tree];
    for (const parent of parents) args.push("-p", parent);
    return (await this.exec([...args, "-F", "-"], { input: message })).stdout.trim();
  }
  async version() {
    const out = await this.exec(["--version"]);
    const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(out.stdout);
    return match ? match.slice(1).map((n) => Number(n ?? 0)) : [0, 0, 0];
  }
  async assertVersion() {
    const [major, minor] = await this.version();
    const [wantMajor, wantMinor] = MINIMUM_GIT_VERSION;
    if (major < wantMajor || major === wantMajor && minor < wantMinor) {
      throw new Error(
        `git ${major}.${minor} is too old; idp needs git ${wantMajor}.${wantMinor} or newer on PATH.`
      );
    }
  }
  exec(args, options2 = {}) {
    const { workingDirectory, logger, extraEnv, limits, authFd } = this;
    return runGit({ workingDirectory, logger, extraEnv, limits, authFd }, args, options2);
  }
};

// shared/src/gitops/gitops-checkout.ts
var REMOTE = "origin";
var GitopsCheckout = class _GitopsCheckout {
  constructor(git, dir, remote, branch, cleanup, logger, fullClone) {
    this.git = git;
    this.dir = dir;
    this.remote = remote;
    this.branch = branch;
    this.cleanup = cleanup;
    this.logger = logger;
    this.fullClone = fullClone;
  }
  git;
  dir;
  remote;
  branch;
  cleanup;
  logger;
  fullClone;
  /** Set once the server refused a filtered fetch; retries then skip straight to a plain one. */
  filterRefused = false;
  static async open(options2) {
    const { logger } = options2;
    const root = mkdtempSync2(join4(options2.tempRoot || privateTempRoot(), "idp-gitops-"));
    const auth2 = configureGitAuth(options2.remote.url, options2.token, logger);
    const cleanup = () => {
      auth2.remove();
      rmSync3(root, { recursive: true, force: true });
    };
    try {
      const dir = join4(root, "repo");
      mkdirSync2(dir);
      const git = (await GitCommandManager.create(dir, logger, {}, options2.gitLimits)).withAuth(
        auth2
      );
      const branch = options2.branch || await reachable(options2.remote, () => git.lsRemoteDefaultBranch(options2.remote.url)) || "main";
      checkBranchName(branch, `The branch of ${options2.remote.display}`);
      await git.init(branch);
      await git.remoteAdd(REMOTE, options2.remote.url);
      await git.config("core.hooksPath", "/dev/null");
      if (!options2.fullClone && options2.sparseFolders.length > 0)
        await git.sparseCheckoutSet(options2.sparseFolders);
      return new _GitopsCheckout(
        git,
        dir,
        options2.remote,
        branch,
        cleanup,
        logger,
        options2.fullClone === true
      );
    } catch (error) {
      cleanup();
      throw error;
    }
  }
  /** The remote tip of `branch` right now (ref state, straight from the server). */
  remoteTip(branch = this.branch) {
    return reachable(this.remote, () => this.git.lsRemoteBranch(REMOTE, branch));
  }
  /**
   * Fetches the tip of `branch` and makes the worktree match it; an absent branch gives an empty
   * orphan worktree. Returns the tip that the next commit will sit on (undefined for an orphan).
   */
  async resetToRemote(branch = this.branch) {
    const tip = await this.fetchTip(branch);
    if (!tip) {
      await this.git.checkoutOrphan(branch);
      return void 0;
    }
    await this.git.checkoutReset(branch, this.remoteRef(branch));
    return this.git.revParse("HEAD");
  }
  /** Fetches the tip of `branch` (no worktree change); undefined when the branch does not exist. */
  async fetchTip(branch = this.branch) {
    if (!await this.remoteTip(branch)) return void 0;
    if (!await this.fetch(branch)) {
      throw new UserError({
        message: `Could not fetch ${branch} from ${this.remote.display}, although the branch exists.`,
        hint: "Run with debug logging (ACTIONS_STEP_DEBUG or --verbose) to see what git said."
      });
    }
    return this.git.revParse(this.remoteRef(branch));
  }
  /** Fetches a branch tip without touching the worktree; false when git could not fetch it. */
  async fetch(branch) {
    if (this.fullClone) return this.git.tryFetchBranch(REMOTE, branch, {});
    if (this.filterRefused) return this.git.tryFetchBranch(REMOTE, branch, { depth: 1 });
    if (await this.git.tryFetchBranch(REMOTE, branch, { depth: 1, filter: "blob:none" }))
      return true;
    this.filterRefused = true;
    this.logger.info(
      `The server refused a blobless fetch of ${branch}; fetching it without a filter.`
    );
    for (const key of [
      `remote.${REMOTE}.promisor`,
      `remote.${REMOTE}.partialclonefilter`,
      "extensions.partialclone"
    ])
      await this.git.tryConfigUnset(key);
    return this.git.tryFetchBranch(REMOTE, branch, { depth: 1 });
  }
  /** A file's text at a fetched revision, or undefined when it does not exist there. */
  readFile(rev, path) {
    return this.git.tryShowFile(rev, path);
  }
  remoteRef(branch) {
    return `refs/remotes/${REMOTE}/${branch}`;
  }
  get remoteName() {
    return REMOTE;
  }
  /** Removes the clone and the auth file; call in `finally`. */
  close() {
    this.cleanup();
  }
};
async function reachable(remote, call) {
  try {
    return await call();
  } catch (error) {
    throw new UserError({
      // git's stderr on one line: one message, however many lines git printed.
      message: `Could not reach ${remote.display}: ${error.message.trim().replace(/\s*\n\s*/g, " ")}`,
      hint: "Check the repository name and that the token may read and push to it."
    });
  }
}

// shared/src/gitops/remote.ts
import { existsSync as existsSync3 } from "node:fs";
import { isAbsolute, resolve as resolve2 } from "node:path";
import { pathToFileURL } from "node:url";
var OWNER_NAME = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9_.-]+)$/;
function resolveRemote(repository, serverUrl, workspace) {
  const value = repository.trim();
  const shorthand = OWNER_NAME.exec(value);
  if (shorthand && !existsSync3(resolve2(workspace, value))) {
    const [, owner, name2] = shorthand;
    const repo = name2.replace(/\.git$/, "");
    const server = serverUrl.replace(/\/+$/, "");
    return {
      url: `${server}/${owner}/${repo}.git`,
      display: `${owner}/${repo}`,
      github: { owner, repo }
    };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url;
    try {
      url = new URL(value);
    } catch {
      throw new UserError({
        message: `${inputRefStart("repository")} is not a valid URL: '${value}'.`,
        hint: "Use owner/name, an https:// or file:// URL, or a path."
      });
    }
    if (url.username || url.password) {
      throw new UserError({
        message: `${inputRefStart("repository")} must not contain credentials.`,
        hint: `Give the URL without user:password@ and pass the token as ${inputRef("token")}.`
      });
    }
    if (!["https:", "http:", "file:"].includes(url.protocol)) {
      throw new UserError({
        message: `${inputRefStart("repository")} uses ${url.protocol.replace(":", "")}://, which promote does not support.`,
        hint: "Use owner/name, an https:// or file:// URL, or a path."
      });
    }
    const segments = url.pathname.replace(/\.git$/, "").split("/").filter(Boolean);
    const github = url.protocol !== "file:" && segments.length >= 2 ? { owner: segments[segments.length - 2], repo: segments[segments.length - 1] } : void 0;
    return { url: url.href, display: url.protocol === "file:" ? url.pathname : url.href, github };
  }
  if (/^[\w.-]+@[\w.-]+:/.test(value)) {
    throw new UserError({
      message: `${inputRefStart("repository")} is an SSH address ('${value}'); promote talks HTTPS with a token.`,
      hint: "Use owner/name or an https:// URL."
    });
  }
  const path = isAbsolute(value) ? value : resolve2(workspace, value);
  if (!existsSync3(path)) {
    throw new UserError({
      message: `${inputRefStart("repository")} is neither owner/name nor a URL, and no folder '${value}' exists.`,
      hint: "Use owner/name, an https:// or file:// URL, or the path of a git repository."
    });
  }
  return { url: pathToFileURL(path).href, display: path };
}
function byRemoteBranch(items) {
  const groups2 = /* @__PURE__ */ new Map();
  for (const item of items) {
    const key = `${item.remote.url}#${item.branch ?? ""}`;
    groups2.set(key, [...groups2.get(key) ?? [], item]);
  }
  return [...groups2.values()];
}

// shared/src/render/read-record.ts
var import_yaml = __toESM(require_dist(), 1);
var HINT = "Render the environment again with idp render; do not edit .idp/render.json by hand.";
var MAX_POSITION = 1e7;
var MAX_LOCATED_BYTES = 1024 * 1024;
var POINTER = /^(\/([^~/]|~[01])*)*$/;
var text = (v) => typeof v === "string" ? void 0 : `must be text, not ${kindOf2(v)}`;
var name = (v) => text(v) ?? (v.length === 0 ? "must not be empty" : LINE_CONTROL.test(v) ? "must not hold control characters (such as a line break)" : void 0);
var digest = (v) => text(v) ?? (/^sha256:[0-9a-f]{64}$/.test(v) ? void 0 : "must be sha256:<64 hex digits>");
var position = (v) => Number.isSafeInteger(v) && v >= 1 && v <= MAX_POSITION ? void 0 : `must be a whole number from 1 to ${MAX_POSITION}, not ${shown(v)}`;
function parseRenderRecord(content, display, required) {
  let value;
  try {
    value = JSON.parse(content);
  } catch (error) {
    const at = /position (\d+)/.exec(error.message);
    const line = at ? content.slice(0, Number(at[1])).split("\n").length : 1;
    throw new UserError({
      message: `The render record is not valid JSON: ${error.message}.`,
      position: { file: display, line, column: 1 },
      hint: HINT
    });
  }
  const problems = [];
  const check = (path, v, rule) => {
    const wrong = rule(v);
    if (wrong) problems.push({ path, message: `\`${path.join(".")}\` ${wrong}.` });
    return wrong === void 0;
  };
  if (!isRecord(value)) {
    throw new UserError({
      message: `The render record must be a JSON object, not ${kindOf2(value)}.`,
      position: { file: display, line: 1, column: 1 },
      hint: HINT
    });
  }
  const missing = required.filter((field) => !(field in value));
  if (missing.length > 0) {
    problems.push({
      path: [],
      message: `The render record lacks ${missing.map((f) => `\`${f}\``).join(", ")}.`
    });
  }
  for (const field of ["service", "environment", "namespace", "owner"])
    if (field in value) check([field], value[field], name);
  if ("digest" in value) check(["digest"], value.digest, digest);
  if ("source" in value && check(["source"], value.source, objectOf)) {
    const source = value.source;
    for (const [key, v] of Object.entries(source)) {
      if (key === "runNumber") {
        check(
          ["source", key],
          v,
          (n) => Number.isSafeInteger(n) && n >= 0 ? void 0 : "must be a whole number"
        );
      } else if (["repository", "commit", "commitTime", "runUrl", "descriptor"].includes(key)) {
        check(["source", key], v, name);
      }
    }
  }
  if ("images" in value && check(["images"], value.images, objectOf)) {
    for (const [component, image] of Object.entries(value.images))
      check(["images", component], image, name);
  }
  if ("renderer" in value && check(["renderer"], value.renderer, objectOf)) {
    const renderer = value.renderer;
    check(["renderer", "name"], renderer.name, text);
    check(["renderer", "version"], renderer.version, text);
  }
  if ("files" in value && check(["files"], value.files, listOf)) {
    ;
    value.files.forEach((file, i) => check(["files", i], file, name));
  }
  if ("sourceMap" in value && check(["sourceMap"], value.sourceMap, listOf)) {
    const entries = value.sourceMap;
    for (let i = 0; i < entries.length && problems.length < 10; i++) {
      const entry = entries[i];
      const at = ["sourceMap", i];
      if (!check(at, entry, objectOf)) continue;
      const { file, pointer, source } = entry;
      check([...at, "file"], file, name);
      check(
        [...at, "pointer"],
        pointer,
        (v) => text(v) ?? (POINTER.test(v) ? void 0 : `must be a JSON pointer ('' or /a/b), not ${shown(v)}`)
      );
      if (check([...at, "source"], source, objectOf)) {
        const where = source;
        const descriptor = value.source?.descriptor;
        check(
          [...at, "source", "file"],
          where.file,
          (v) => name(v) ?? (typeof descriptor === "string" && v !== descriptor ? `must be the record's descriptor '${descriptor}', not ${shown(v)}` : void 0)
        );
        check([...at, "source", "line"], where.line, position);
        check([...at, "source", "column"], where.column, position);
      }
    }
  }
  if (problems.length > 0) {
    const locate = locator(content, display);
    throw new UserError(
      problems.slice(0, 10).map((p) => ({
        message: p.path.length > 0 ? `The render record's ${p.message}` : p.message,
        position: locate(p.path),
        hint: HINT
      }))
    );
  }
  return value;
}
function locator(content, file) {
  let find;
  if (content.length > MAX_LOCATED_BYTES)
    return (_path) => ({ file, line: 1, column: 1 });
  try {
    const lineCounter = new import_yaml.LineCounter();
    const doc = (0, import_yaml.parseDocument)(content, { lineCounter, uniqueKeys: false });
    if (doc.errors.length === 0) {
      find = (path) => {
        const { line, col } = lineCounter.linePos(offsetOf(doc, path));
        return { line, column: col };
      };
    }
  } catch {
    find = void 0;
  }
  return (path) => ({ file, ...find?.(path) ?? { line: 1, column: 1 } });
}
function objectOf(v) {
  return isRecord(v) ? void 0 : `must be an object, not ${kindOf2(v)}`;
}
function listOf(v) {
  return Array.isArray(v) ? void 0 : `must be a list, not ${kindOf2(v)}`;
}
function isRecord(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function kindOf2(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return "text";
  return `the ${typeof v} ${String(v)}`;
}
function shown(v) {
  return typeof v === "string" ? `'${v.slice(0, 40)}'` : kindOf2(v);
}

// shared/src/gitops/render-guard.ts
function parseRenderRecord2(text2, display) {
  return parseRenderRecord(text2, display, ["service", "environment", "digest", "images", "source"]);
}
function compareRenders(deployed, incoming) {
  const a = timeOf(deployed);
  const b = timeOf(incoming);
  if (a !== void 0 && b !== void 0 && a !== b) return b > a ? "newer" : "older";
  const ra = deployed.source?.runNumber;
  const rb = incoming.source?.runNumber;
  if (ra !== void 0 && rb !== void 0 && ra !== rb) return rb > ra ? "newer" : "older";
  if (a === void 0 && b === void 0 && ra === void 0 && rb === void 0) return "unknown";
  return "same";
}
function timeOf(record) {
  const t = record.source?.commitTime ? Date.parse(record.source.commitTime) : NaN;
  return Number.isNaN(t) ? void 0 : t;
}
function describeRender(record) {
  const commit = record.source?.commit ? record.source.commit.slice(0, 12) : "unknown commit";
  const time = record.source?.commitTime ?? "unknown time";
  const run = record.source?.runNumber !== void 0 ? `run #${record.source.runNumber}` : "no run";
  return `${commit} (${time}, ${run}, ${record.digest})`;
}
function assertNotOlder(deployed, incoming, where, allowRollback) {
  if (!deployed) return void 0;
  if (deployed.service !== incoming.service || deployed.environment !== incoming.environment)
    return void 0;
  const age = compareRenders(deployed, incoming);
  if (age === "older" && !allowRollback) {
    throw new UserError({
      message: `Refused: ${where} holds a newer render of ${incoming.service} in ${incoming.environment}. Deployed: ${describeRender(deployed)}. Refused: ${describeRender(incoming)}.`,
      hint: "To roll back on purpose, run promote again with 'allow-rollback: true'."
    });
  }
  return age;
}

// shared/src/gitops/deployed-renders.ts
async function readDeployedRenders(locations, token, logger, tempRoot) {
  const out = /* @__PURE__ */ new Map();
  for (const group of byRemoteBranch(locations)) {
    const checkout = await GitopsCheckout.open({
      remote: group[0].remote,
      token,
      branch: group[0].branch,
      sparseFolders: [],
      logger,
      tempRoot
    });
    try {
      const commit = await checkout.fetchTip();
      for (const location of group) {
        const file = posix.join(location.path, RENDER_RECORD_PATH);
        const text2 = commit ? await checkout.readFile(commit, file) : void 0;
        const display = `${location.remote.display}@${checkout.branch}:${file}`;
        out.set(location, {
          location,
          commit,
          record: text2 === void 0 ? void 0 : parseRenderRecord2(text2, display)
        });
      }
    } finally {
      checkout.close();
    }
  }
  return locations.map((l) => out.get(l));
}

// shared/src/gitops/gates.ts
import { isDeepStrictEqual } from "node:util";
function holdsSameRelease(deployed, incoming) {
  if (!isDeepStrictEqual({ ...deployed.images }, { ...incoming.images })) return false;
  if (deployed.digest === incoming.digest) return true;
  const a = deployed.source?.commit;
  const b = incoming.source?.commit;
  return a !== void 0 && a === b;
}
function checkRequiredEnvironments(environment, incoming, required) {
  const problems = [];
  for (const { location, record } of required) {
    const where = `${location.remote.display}${location.branch ? `@${location.branch}` : ""}:${location.path}`;
    if (!record) {
      problems.push({
        message: `${environment} requires ${location.environment} first, but ${location.environment} (${where}) holds no render of ${incoming.service} yet.`
      });
    } else if (!holdsSameRelease(record, incoming)) {
      problems.push({
        message: `${environment} requires ${location.environment} to run this release first. ${location.environment} (${where}) holds ${describeImages(record)} at ${describeRender(record)}; this promotion is ${describeImages(incoming)} at ${describeRender(incoming)}.`
      });
    }
  }
  if (problems.length > 0) {
    throw new UserError([
      ...problems.slice(0, -1),
      {
        ...problems[problems.length - 1],
        hint: `Promote the same build to ${required.map((r) => r.location.environment).join(", ")} first.`
      }
    ]);
  }
}
function describeImages(record) {
  const entries = Object.entries(record.images ?? {});
  return entries.length === 0 ? "no images" : entries.map(([k, v]) => `${k}=${v}`).join(", ");
}

// shared/src/gitops/promote-summary.ts
var SIGN = { added: "➕", changed: "✏️", removed: "➖" };
function promoteSummary(input) {
  const { plan, diff } = input;
  const { service } = plan.record;
  const where = `${plan.target.remote.display}:${plan.target.path}`;
  const outcome = !input.changed ? `No change: \`${where}\` already holds this render.` : plan.dryRun ? `Dry run: would ${plan.mode === "pull-request" ? "propose" : "commit"} ${diff.changes.length} resource change(s) to \`${where}\`.` : input.pullRequest ? `Pull request [#${input.pullRequest.number}](${input.pullRequest.url}) ${input.pullRequest.operation} from \`${input.pushedBranch}\`.` : `Committed \`${input.commitSha.slice(0, 12)}\` to \`${input.pushedBranch}\` of ${plan.target.remote.display}.`;
  const lines = [
    `## Promote ${service} → ${plan.environment}${plan.dryRun ? " (dry run)" : ""}`,
    "",
    outcome,
    "",
    `- Release: ${describeImages(plan.record)} — ${describeRender(plan.record)}`
  ];
  if (input.age === "older")
    lines.push("- ⚠️ Rollback: this render is older than the one it replaces.");
  lines.push(
    "",
    diff.changes.length === 0 && input.changed ? "No resource changes; only the render record (`.idp/render.json`) differs." : changeTable(diff)
  );
  lines.push(...diffDetails(diff));
  lines.push("", environmentsDiagram(input));
  return lines.join("\n") + "\n";
}
function changeTable(diff) {
  if (diff.changes.length === 0) return "No resource changes.";
  return [
    "| | Resource | File |",
    "| --- | --- | --- |",
    ...diff.changes.map(
      (c) => `| ${SIGN[c.change]} ${c.change} | \`${c.resource}\` | \`${c.file}\` |`
    )
  ].join("\n");
}
function environmentsDiagram(input) {
  const id = (env) => `env_${env.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const lines = ["```mermaid", "flowchart LR"];
  for (const { environment, digest: digest2, unread } of input.environments) {
    const held = digest2 ? `${digest2.slice(0, 19)}…` : unread ? "not read" : "nothing yet";
    lines.push(`  ${id(environment)}["${environment}<br/>${held}"]`);
  }
  const names = new Set(input.environments.map((e) => e.environment));
  for (const location of input.plan.environments) {
    for (const req of location.requires ?? [])
      if (names.has(req)) lines.push(`  ${id(req)} --> ${id(location.environment)}`);
  }
  lines.push(`  style ${id(input.plan.environment)} stroke-width:3px`, "```");
  return lines.join("\n");
}
function pullRequestBody(plan, diff) {
  const r = plan.record;
  const lines = [
    `Promotes **${r.service}** to **${plan.environment}** (\`${plan.target.path}\`).`,
    "",
    `- Images: ${describeImages(r)}`,
    `- Source: ${r.source?.repository ?? "unknown"} @ \`${r.source?.commit ?? "unknown"}\`${r.source?.commitTime ? ` (${r.source.commitTime})` : ""}`,
    `- Run: ${r.source?.runUrl ?? plan.runUrl ?? "unknown"}`,
    `- Content digest: \`${r.digest}\``,
    "",
    changeTable(diff)
  ];
  lines.push(...diffDetails(diff));
  return truncateBody(lines.join("\n") + "\n");
}
function diffDetails(diff) {
  if (!diff.unified) return [];
  return [
    "",
    "<details><summary>Diff (secret values redacted)</summary>",
    "",
    "```diff",
    diff.unified.trimEnd(),
    "```",
    "",
    "</details>"
  ];
}

// shared/src/github/publish-folder-api.ts
import { lstatSync as lstatSync3, mkdirSync as mkdirSync4, mkdtempSync as mkdtempSync3, readFileSync, rmSync as rmSync5, writeFileSync as writeFileSync3 } from "node:fs";
import { dirname as dirname3, join as join6, relative as relative2, sep as sep3 } from "node:path";

// shared/src/gitops/backoff.ts
var DEFAULT_BACKOFF = {
  initialMs: 1e3,
  multiplier: 1.5,
  maxMs: 3e4,
  jitter: 0.5
};
function backoffDelay(attempt, policy = DEFAULT_BACKOFF, random = Math.random) {
  const nominal = policy.initialMs * Math.pow(policy.multiplier, Math.max(0, attempt - 1));
  const spread = 1 - policy.jitter + 2 * policy.jitter * random();
  return Math.round(Math.min(policy.maxMs, nominal * spread));
}
function sleep(ms) {
  return new Promise((resolve3) => setTimeout(resolve3, ms));
}

// shared/src/gitops/attempts.ts
function attemptResult(scope) {
  return (changed, commitSha, pushed) => ({
    changed,
    commitSha,
    baseSha: scope.base ?? "",
    baseBranch: scope.branch,
    pushedBranch: scope.pushedBranch,
    pushed,
    attempts: scope.attempt
  });
}
async function waitToReapply(logger, backoff, race) {
  const { attempt, maxAttempts, pushedBranch, movedTo, targetPath, during } = race;
  const wait = backoffDelay(attempt, backoff ?? DEFAULT_BACKOFF);
  logger.info(
    `${pushedBranch} moved to ${movedTo?.slice(0, 12) ?? "(deleted)"} while ${during} (attempt ${attempt}/${maxAttempts}); re-applying ${targetPath} on the new tip in ${(wait / 1e3).toFixed(1)} s.`
  );
  await sleep(wait);
}
function racesLost(maxAttempts, rivals, pushedBranch, remoteDisplay) {
  return new UserError({
    message: `Gave up after ${maxAttempts} attempts: ${rivals} to ${pushedBranch} of ${remoteDisplay} kept winning the race.`,
    hint: "Raise 'max-attempts', or spread promotions to this branch over time."
  });
}
function pushRefused(pushedBranch, remoteDisplay, stderr) {
  return new UserError({
    message: `Pushing to ${pushedBranch} of ${remoteDisplay} was refused, and the branch did not move: ${firstLines(stderr)}`,
    hint: "Check that the token may push to this branch and that no branch protection or hook rejects the commit."
  });
}
function firstLines(text2) {
  return text2.trim().split("\n").slice(0, 4).join(" ").slice(0, 500) || "(git printed nothing)";
}

// shared/src/gitops/folder.ts
import { cpSync, existsSync as existsSync4, lstatSync as lstatSync2, mkdirSync as mkdirSync3, readdirSync as readdirSync2, rmSync as rmSync4 } from "node:fs";
import { dirname as dirname2, join as join5, posix as posix2 } from "node:path";
function normaliseRepoPath(path, input = "path") {
  const trimmed = path.trim().replace(/^\/+|\/+$/g, "");
  const segments = trimmed.split("/");
  if (trimmed === "" || path.includes("\\") || segments.some((s) => s === "" || s === "." || s === "..") || segments[0] === ".git" || posix2.normalize(trimmed) !== trimmed) {
    throw new UserError({
      message: `${inputRefStart(input)} must be a folder inside the repository such as envs/prod/checkout; got '${path}'.`,
      hint: "Use forward slashes, no leading /, no . or .. segments, and not the repository root."
    });
  }
  return trimmed;
}
function replaceFolder(worktree, targetPath, sourceFolder) {
  const target = join5(worktree, targetPath);
  if (passesThroughLink(worktree, dirname2(target)))
    throw new UserError({
      message: `The repository holds a symbolic link on the way to ${targetPath}; idp does not write through it.`,
      hint: "Replace the link in the repository with a real folder (the repository owners decide), then promote again."
    });
  rmSync4(target, { recursive: true, force: true });
  mkdirSync3(dirname2(target), { recursive: true });
  cpSync(sourceFolder, target, { recursive: true, dereference: false, verbatimSymlinks: true });
}
function listFiles(folder) {
  if (!existsSync4(folder)) return [];
  const out = [];
  const walk = (dir, prefix) => {
    for (const entry of readdirSync2(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join5(dir, entry.name), rel);
      else out.push(rel);
    }
  };
  walk(folder, "");
  return out.sort();
}
function isDirectory(folder) {
  try {
    return lstatSync2(folder).isDirectory();
  } catch {
    return false;
  }
}

// shared/src/github/git-data-reader.ts
import { createHash } from "node:crypto";
function gitBlobSha(content) {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}
var GitDataReader = class {
  constructor(client, repository) {
    this.client = client;
    this.repository = repository;
  }
  client;
  repository;
  trees = /* @__PURE__ */ new Map();
  blobs = /* @__PURE__ */ new Map();
  commitTrees = /* @__PURE__ */ new Map();
  /** The commit a branch points at; undefined when the branch does not exist. */
  async branchTip(branch) {
    try {
      const response = await this.client.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
        ...this.repository,
        ref: `heads/${branch}`
      });
      return response.data.object.sha;
    } catch (error) {
      if (statusOf(error) === 404) return void 0;
      throw error;
    }
  }
  async commitTree(commit) {
    const cached = this.commitTrees.get(commit);
    if (cached) return cached;
    const response = await this.client.request(
      "GET /repos/{owner}/{repo}/git/commits/{commit_sha}",
      { ...this.repository, commit_sha: commit }
    );
    const tree = response.data.tree.sha;
    this.commitTrees.set(commit, tree);
    return tree;
  }
  /** One level of a tree. */
  async tree(sha) {
    const cached = this.trees.get(sha);
    if (cached) return cached;
    const response = await this.client.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
      ...this.repository,
      tree_sha: sha
    });
    const entries = response.data.tree;
    this.trees.set(sha, entries);
    return entries;
  }
  /** Every entry under a tree, paths relative to it; undefined when GitHub cut the listing short. */
  async recursiveTree(sha) {
    const response = await this.client.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
      ...this.repository,
      tree_sha: sha,
      recursive: "1"
    });
    const data = response.data;
    return data.truncated ? void 0 : data.tree;
  }
  /**
   * The entry at `path` under the root tree `root`, reading one tree per folder on the path (never the
   * whole repository); undefined when absent. A file where a folder is expected also gives undefined.
   */
  async entryAt(root, path) {
    let entry = { path: "", mode: "040000", type: "tree", sha: root };
    for (const name2 of path.split("/")) {
      if (entry?.type !== "tree") return void 0;
      entry = (await this.tree(entry.sha)).find((e) => e.path === name2);
    }
    return entry;
  }
  async blob(sha) {
    const cached = this.blobs.get(sha);
    if (cached) return cached;
    const response = await this.client.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", {
      ...this.repository,
      file_sha: sha
    });
    const data = response.data;
    const content = data.encoding === "base64" ? Buffer.from(data.content.replace(/\s+/g, ""), "base64") : Buffer.from(data.content, "utf8");
    this.blobs.set(sha, content);
    return content;
  }
  /** A file's text in a commit, or undefined when it does not exist there. */
  async readFile(commit, path) {
    if (!commit) return void 0;
    const entry = await this.entryAt(await this.commitTree(commit), path);
    if (entry?.type !== "blob") return void 0;
    return (await this.blob(entry.sha)).toString("utf8");
  }
};

// shared/src/github/publish-folder-api.ts
var PARALLEL = 6;
async function publishFolderViaApi(options2) {
  const { logger, repository } = options2;
  const targetPath = normaliseRepoPath(options2.targetPath);
  const reader = new GitDataReader(options2.client, repository);
  const scratch = mkdtempSync3(join6(options2.tempRoot || privateTempRoot(), "idp-api-"));
  const maxAttempts = Math.max(1, options2.maxAttempts ?? 10);
  try {
    return await explained(options2, async () => {
      const about = memo(() => repositoryInfo(options2.client, repository));
      const branch = options2.branch || (await about()).default_branch;
      checkBranchName(branch, `The branch of ${options2.remote.display}`);
      const pushedBranch = options2.pushBranch ?? branch;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const base = await reader.branchTip(branch);
        const pushTip = options2.pushBranch ? await reader.branchTip(options2.pushBranch) : void 0;
        const rootTree = base ? await reader.commitTree(base) : void 0;
        const held = await heldFolder(reader, rootTree, targetPath, branch);
        const result = attemptResult({ base, branch, pushedBranch, attempt });
        if (options2.inspect) {
          const worktree = join6(scratch, `attempt-${attempt}`);
          await materialise(reader, join6(worktree, targetPath), held);
          await options2.inspect({
            worktree,
            targetPath,
            tip: base,
            readFile: (path) => reader.readFile(base, path),
            readPushBranchFile: (path) => reader.readFile(pushTip, path)
          });
        }
        const wanted = readSourceFolder(options2.sourceFolder);
        const writes = [];
        for (const [rel, file] of wanted) {
          const old = held.get(rel);
          if (old?.sha !== file.sha || old.mode !== file.mode)
            writes.push({
              path: `${targetPath}/${rel}`,
              mode: file.mode,
              type: "blob",
              sha: file.sha
            });
        }
        for (const [rel, old] of held)
          if (!wanted.has(rel))
            writes.push({ path: `${targetPath}/${rel}`, mode: old.mode, type: old.type, sha: null });
        if (writes.length === 0) {
          logger.info(`${targetPath} on ${branch} already holds this content; nothing to commit.`);
          return result(false, base ?? "", false);
        }
        if (options2.dryRun) return result(true, "", false);
        const known = new Set([...held.values()].map((e) => e.sha));
        const uploads = [...wanted.values()].filter((f) => !known.has(f.sha));
        await inParallel(uploads, async (file) => {
          const response = await options2.client.request("POST /repos/{owner}/{repo}/git/blobs", {
            ...repository,
            content: file.content.toString("base64"),
            encoding: "base64"
          });
          if (response.data.sha !== file.sha)
            throw new Error(
              `GitHub stored a blob under another SHA than git computes (${file.sha}).`
            );
        });
        const tree = await post(
          options2.client,
          "POST /repos/{owner}/{repo}/git/trees",
          {
            ...repository,
            ...rootTree ? { base_tree: rootTree } : {},
            tree: writes
          }
        );
        const author = options2.author;
        const commit = (await post(options2.client, "POST /repos/{owner}/{repo}/git/commits", {
          ...repository,
          message: options2.message,
          tree: tree.sha,
          parents: base ? [base] : [],
          ...author ? {
            author: { name: author.name, email: author.email, date: (/* @__PURE__ */ new Date()).toISOString() }
          } : {}
        })).sha;
        let expected = base;
        if (options2.pushBranch) {
          expected = pushTip;
          if (expected && await reader.commitTree(expected) === tree.sha) {
            logger.info(`${pushedBranch} already holds this content on top of ${branch}.`);
            return result(true, expected, false);
          }
        }
        let failure;
        try {
          if (options2.pushBranch)
            await replaceRef(
              options2.client,
              (await about()).node_id,
              pushedBranch,
              commit,
              expected
            );
          else await moveRef(options2.client, repository, pushedBranch, commit, expected);
          logger.info(
            `Committed ${commit.slice(0, 12)} to ${pushedBranch} through the GitHub API (attempt ${attempt}).`
          );
          return result(true, commit, true);
        } catch (error) {
          if (statusOf(error) === void 0 && !isGraphqlRefusal(error)) throw error;
          failure = error;
        }
        const now = await reader.branchTip(pushedBranch);
        if (now === commit) {
          logger.info(
            `The ref update reported failure but ${pushedBranch} holds ${commit.slice(0, 12)}.`
          );
          return result(true, commit, true);
        }
        if (now === expected) {
          throw new UserError({
            message: `GitHub refused to move ${pushedBranch} of ${options2.remote.display}, and the branch did not move: ${gitHubErrorReason(failure)}.`,
            hint: refusalHint(statusOf(failure))
          });
        }
        if (attempt === maxAttempts) break;
        await waitToReapply(logger, options2.backoff, {
          attempt,
          maxAttempts,
          pushedBranch,
          movedTo: now,
          targetPath,
          during: "committing"
        });
      }
      throw racesLost(maxAttempts, "other writers", pushedBranch, options2.remote.display);
    });
  } finally {
    rmSync5(scratch, { recursive: true, force: true });
  }
}
async function moveRef(client, repository, branch, sha, expected) {
  if (expected === void 0) {
    await client.request("POST /repos/{owner}/{repo}/git/refs", {
      ...repository,
      ref: `refs/heads/${branch}`,
      sha
    });
    return;
  }
  await client.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
    ...repository,
    ref: `heads/${branch}`,
    sha,
    force: false
  });
}
var ZERO_OID = "0".repeat(40);
var UPDATE_REFS_PREVIEW = "application/vnd.github.update-refs-preview+json";
async function replaceRef(client, repositoryId, branch, sha, expected) {
  await client.graphql(
    `mutation($input: UpdateRefsInput!) {
      updateRefs(input: $input) { clientMutationId }
    }`,
    {
      // updateRefs is a documented schema preview ("Update refs preview"); the media type opts in.
      headers: { accept: UPDATE_REFS_PREVIEW },
      input: {
        repositoryId,
        refUpdates: [
          {
            name: `refs/heads/${branch}`,
            afterOid: sha,
            beforeOid: expected ?? ZERO_OID,
            force: true
          }
        ]
      }
    }
  );
}
function isGraphqlRefusal(error) {
  return error?.name === "GraphqlResponseError" && Array.isArray(error.errors);
}
function memo(load) {
  let value;
  return () => value ??= load();
}
async function heldFolder(reader, rootTree, targetPath, branch) {
  const held = /* @__PURE__ */ new Map();
  if (!rootTree) return held;
  const folder = await reader.entryAt(rootTree, targetPath);
  if (!folder) return held;
  if (folder.type !== "tree") {
    throw new UserError({
      message: `${targetPath} on ${branch} is a file, not a folder; promote writes folders only.`,
      hint: "Move that file away in the GitOps repository, or promote to another path."
    });
  }
  const entries = await reader.recursiveTree(folder.sha);
  if (!entries) {
    throw new UserError({
      message: `GitHub cut the listing of ${targetPath} on ${branch} short (too many entries for one tree read).`,
      hint: "Use transport 'git' for a folder this large."
    });
  }
  for (const entry of entries) {
    if (entry.type === "tree") continue;
    if (entry.path.split("/").some((s) => s === "" || s === "." || s === ".." || s === ".git"))
      throw new UserError({
        message: `${targetPath} on ${branch} holds an entry git would refuse ('${entry.path}').`
      });
    held.set(entry.path, entry);
  }
  return held;
}
async function materialise(reader, folder, held) {
  mkdirSync4(folder, { recursive: true });
  await inParallel(
    [...held].filter(([, e]) => e.type === "blob" && e.mode !== "120000"),
    async ([rel, entry]) => {
      const path = join6(folder, ...rel.split("/"));
      mkdirSync4(dirname3(path), { recursive: true });
      writeFileSync3(path, await reader.blob(entry.sha));
    }
  );
}
function readSourceFolder(folder) {
  const files = listServiceFolder(folder, folder, {
    what: "The folder to publish",
    symlinks: "refuse"
  });
  const out = /* @__PURE__ */ new Map();
  for (const path of files) {
    const content = readFileSync(path);
    const mode = (lstatSync3(path).mode & 73) !== 0 ? "100755" : "100644";
    out.set(relative2(folder, path).split(sep3).join("/"), {
      mode,
      sha: gitBlobSha(content),
      content
    });
  }
  return out;
}
async function repositoryInfo(client, repository) {
  const response = await client.request("GET /repos/{owner}/{repo}", { ...repository });
  return response.data;
}
async function post(client, route, parameters) {
  return (await client.request(route, parameters)).data;
}
async function inParallel(items, run) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}
function refusalHint(status) {
  if (status === void 0)
    return "Check that the token may write the repository (contents: write) and the rulesets of this branch.";
  if (status === 401 || status === 403 || status === 404)
    return "Check that the token may write the repository (contents: write).";
  if (status === 409 || status === 422)
    return "Check the branch protection and rulesets of this branch: they may refuse commits made through the API or require a pull request (mode: pull-request).";
  return "GitHub did not take the update; run promote again (the folder is re-applied on the current tip).";
}
async function explained(options2, run) {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    const status = error.status;
    throw new UserError({
      message: `Writing ${options2.targetPath} to ${options2.remote.display} through the GitHub API failed: ${error.message} The branch holds its old commit or the new one, never a partial write.`,
      hint: status === 401 || status === 403 || status === 404 ? "Check that the token may read and write the repository (contents: write)." : status >= 500 || status === 429 ? "GitHub was unavailable or rate limited; run promote again, or use transport: git." : "Run promote again; if it keeps failing, use transport: git and report the message."
    });
  }
}

// shared/src/gitops/publish-path.ts
import { join as join8 } from "node:path";

// shared/src/gitops/path-tree.ts
import { lstatSync as lstatSync4, mkdirSync as mkdirSync5, symlinkSync, writeFileSync as writeFileSync4 } from "node:fs";
import { dirname as dirname4, join as join7, relative as relative3, sep as sep4 } from "node:path";
var TREE_MODE = "040000";
var ReadFailure = class extends Error {
  constructor(message, treeLess = false) {
    super(message);
    this.treeLess = treeLess;
    this.name = "ReadFailure";
  }
  treeLess;
};
var PathTrees = class {
  constructor(git, remote) {
    this.git = git;
    this.remote = remote;
  }
  git;
  remote;
  present = /* @__PURE__ */ new Map();
  /** Trees known to be here although never listed (a root tree that came with its commit). */
  arrivedHere = /* @__PURE__ */ new Set();
  /** Folders whose trees are all here (`fetchFolderTrees`). */
  foldersHere = /* @__PURE__ */ new Set();
  /** The entries of a tree, fetching that tree alone when it is not here yet. */
  async entries(id) {
    const known = this.present.get(id);
    if (known) return known;
    if (!this.arrivedHere.has(id) && !await this.git.tryFetchObjects(this.remote, [id], "tree:0"))
      throw new ReadFailure(`could not fetch tree ${id}`);
    const entries = await this.git.lsTree(id);
    this.present.set(id, entries);
    return entries;
  }
  /** Records that tree `id` is in the local repository (fetched along with its commit). */
  arrived(id) {
    this.arrivedHere.add(id);
  }
  /**
   * The folders above the target, from `root` down along `path` as far as they exist (root first),
   * and the target folder's tree id when it exists. The target's own tree is not read: replacing it
   * needs only the folders above it, and equal ids already tell that nothing changed.
   */
  async chain(root, path) {
    const levels = [{ id: root, entries: await this.entries(root) }];
    const names = path.split("/");
    for (const [depth, name2] of names.entries()) {
      const entry = levels[levels.length - 1].entries.find((e) => e.name === name2);
      if (!entry) return { levels };
      if (entry.mode === "120000") {
        throw new UserError({
          message: `'${name2}' on the path ${path} is a symbolic link in the GitOps repository; idp never writes or reads through links.`,
          hint: "Replace the link with a folder in the GitOps repository (or remove it), then promote again."
        });
      }
      if (entry.type !== "tree") {
        throw new UserError({
          message: `'${name2}' on the path ${path} is a file in the repository, not a folder.`,
          hint: "Move that file away in the GitOps repository, or promote to another path."
        });
      }
      if (depth === names.length - 1) return { levels, target: entry.id };
      levels.push({ id: entry.id, entries: await this.entries(entry.id) });
    }
    return { levels };
  }
  /** A file's text under `root`, reading only the trees on its path; undefined when absent. */
  async readFile(root, path) {
    if (!root) return void 0;
    let entries = await this.entries(root);
    const names = path.split("/");
    for (const [i, name2] of names.entries()) {
      const entry = entries.find((e) => e.name === name2);
      if (!entry) return void 0;
      if (i === names.length - 1) return entry.type === "blob" ? this.blob(entry.id) : void 0;
      if (entry.type !== "tree") return void 0;
      entries = await this.entries(entry.id);
    }
    return void 0;
  }
  /**
   * Fetches the folder `id` with every tree under it, and no file (once per clone). The push needs
   * them: git compares the old folder's trees with the new ones to leave out what the server has,
   * and would otherwise fetch each missing tree by itself, one at a time, in the middle of the push.
   */
  async fetchFolderTrees(id) {
    if (this.foldersHere.has(id)) return;
    if (!await this.git.tryFetchObjects(this.remote, [id], "blob:none"))
      throw new ReadFailure(`could not fetch tree ${id}`);
    this.foldersHere.add(id);
  }
  /**
   * Writes the files of the folder `id` under `destination` (for the caller's diff and checks): its
   * trees come in one fetch (shared with `fetchFolderTrees`), its blobs in one more.
   */
  async materialise(id, destination) {
    mkdirSync5(destination, { recursive: true });
    await this.fetchFolderTrees(id);
    const entries = (await this.git.lsTree(id, true)).filter((e) => e.type === "blob");
    const links = entries.filter((e) => e.mode === "120000");
    const files = entries.filter((e) => e.mode !== "120000");
    for (const link of links) {
      if (link.name.split("/").some((s) => s === ".." || s === "." || s === "" || s === ".git"))
        continue;
      const path = join7(destination, ...link.name.split("/"));
      mkdirSync5(dirname4(path), { recursive: true });
      symlinkSync("(not followed)", path);
    }
    if (files.length === 0) return;
    if (!await this.git.tryFetchObjects(
      this.remote,
      files.map((f) => f.id),
      "blob:none"
    ))
      throw new ReadFailure(`could not fetch the files of tree ${id}`);
    for (const file of files) {
      if (file.name.split("/").some((s) => s === ".." || s === "." || s === "" || s === ".git"))
        throw new UserError({
          message: `The folder holds an entry git would refuse ('${file.name}').`
        });
      const path = join7(destination, ...file.name.split("/"));
      mkdirSync5(dirname4(path), { recursive: true });
      writeFileSync4(path, await this.blob(file.id));
    }
  }
  /** A blob's text; fetched on demand, and a failed fetch is a ReadFailure. */
  async blob(id) {
    try {
      return await this.git.catBlob(id);
    } catch (error) {
      throw new ReadFailure(`could not read blob ${id}: ${error.message.split("\n")[0]}`);
    }
  }
  /** Stores a local folder (regular files, listed by the caller) as a tree; undefined when empty. */
  async writeFolder(folder, files) {
    const ids = await this.git.hashFiles(files);
    const root = /* @__PURE__ */ new Map();
    files.forEach((file, i) => {
      const parts = relative3(folder, file).split(sep4);
      let at = root;
      for (const part of parts.slice(0, -1)) {
        if (!at.has(part)) at.set(part, /* @__PURE__ */ new Map());
        at = at.get(part);
      }
      const mode = (lstatSync4(file).mode & 73) !== 0 ? "100755" : "100644";
      at.set(parts[parts.length - 1], { mode, type: "blob", id: ids[i] });
    });
    const write = async (node) => {
      const entries = [];
      for (const [name2, child] of node) {
        if (child instanceof Map) {
          const id = await write(child);
          if (id) entries.push({ mode: TREE_MODE, type: "tree", id, name: name2 });
        } else entries.push({ ...child, name: name2 });
      }
      return entries.length === 0 ? void 0 : this.git.mkTree(entries);
    };
    return write(root);
  }
  /**
   * The new root tree: `folder` (or nothing) at `path`, every tree above it rewritten, every tree
   * beside it kept by id. Folders left empty vanish, as git has them.
   */
  async replaceOnPath(levels, path, folder) {
    const names = path.split("/");
    let child = folder;
    for (let depth = names.length - 1; depth >= 0; depth--) {
      const entries = depth < levels.length ? levels[depth].entries : [];
      const name2 = names[depth];
      const kept = entries.filter((e) => e.name !== name2);
      const next = child ? [...kept, { mode: TREE_MODE, type: "tree", id: child, name: name2 }] : kept;
      child = next.length === 0 ? void 0 : await this.git.mkTree(next);
    }
    return child;
  }
};

// shared/src/gitops/publish-path.ts
var READ_RETRIES = 4;
var PUSH_RETRIES = 2;
async function publishFolderByPath(options2, checkout, targetPath, maxAttempts) {
  const { logger } = options2;
  const { git, branch } = checkout;
  const remote = checkout.remoteName;
  const trees = new PathTrees(git, remote);
  const pushedBranch = options2.pushBranch ?? branch;
  const files = () => {
    const listed = listServiceFolder(options2.sourceFolder, options2.sourceFolder, {
      what: "The folder to publish",
      symlinks: "refuse"
    });
    if (listed.some((f) => f.includes("\n")))
      throw new UserError({ message: "A file name in the folder to publish holds a line break." });
    return listed;
  };
  let treeLessWorked = false;
  let reached = false;
  let tipFilter = "tree:1";
  const fetchTip = async (name2) => {
    if (await git.tryFetchBranch(remote, name2, { depth: 1, filter: tipFilter })) {
      reached = true;
      treeLessWorked = true;
      const tip = await git.commitAndTree(checkout.remoteRef(name2));
      if (tipFilter === "tree:1") trees.arrived(tip.tree);
      return tip;
    }
    let exists;
    try {
      exists = await checkout.remoteTip(name2);
      reached = true;
    } catch (error) {
      if (!reached) throw error;
      throw new ReadFailure(error.message.split("\n")[0]);
    }
    if (!exists) return void 0;
    if (tipFilter === "tree:1") {
      logger.debug(`Fetching ${name2} with its root tree failed; fetching trees one by one.`);
      tipFilter = "tree:0";
    }
    throw new ReadFailure(`could not fetch ${name2}`, true);
  };
  const tipAfterPush = async (name2) => {
    for (let tries = 1; ; tries++) {
      try {
        return await checkout.remoteTip(name2);
      } catch (error) {
        if (tries > READ_RETRIES) throw error;
        await sleep(backoffDelay(tries, options2.backoff ?? DEFAULT_BACKOFF));
      }
    }
  };
  let readFailures = 0;
  let treeLessFailures = 0;
  let pushFailures = 0;
  let views = 0;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let outcome;
    try {
      outcome = await prepare(attempt);
    } catch (error) {
      if (!(error instanceof ReadFailure)) throw error;
      readFailures++;
      if (error.treeLess) treeLessFailures++;
      if (!treeLessWorked && treeLessFailures >= 3) {
        logger.info(`The server refused a tree-less fetch of ${branch}; using a sparse checkout.`);
        return void 0;
      }
      if (readFailures > READ_RETRIES) {
        throw new UserError({
          message: `Could not read ${branch} of ${options2.remote.display} (${READ_RETRIES + 1} tries): ${error.message}.`,
          hint: "The server failed, cut the connection or stalled each time; run promote again later."
        });
      }
      logger.info(`Reading ${branch} failed (${error.message}); trying again.`);
      await sleep(backoffDelay(readFailures, options2.backoff ?? DEFAULT_BACKOFF));
      attempt--;
      continue;
    }
    readFailures = 0;
    if ("done" in outcome) return outcome.done;
    const { commit, base, pushTip, result } = outcome;
    let expected = base;
    if (options2.pushBranch) {
      expected = pushTip?.commit;
      if (pushTip && pushTip.tree === outcome.newRoot) {
        logger.info(`${pushedBranch} already holds this content on top of ${branch}.`);
        return result(true, pushTip.commit, false);
      }
    }
    const push = await git.push(remote, pushedBranch, {
      ...options2.pushBranch ? { expectedOld: expected ?? null } : {},
      source: commit
    });
    if (push.exitCode === 0) {
      logger.info(`Pushed ${commit.slice(0, 12)} to ${pushedBranch} (attempt ${attempt}).`);
      return result(true, commit, true);
    }
    const now = await tipAfterPush(pushedBranch);
    if (now === commit) {
      logger.info(`Push reported failure but ${pushedBranch} holds ${commit.slice(0, 12)}.`);
      return result(true, commit, true);
    }
    if (now === expected && ++pushFailures <= PUSH_RETRIES) {
      logger.info(`Pushing to ${pushedBranch} failed and the branch did not move; trying again.`);
      await sleep(backoffDelay(pushFailures, options2.backoff ?? DEFAULT_BACKOFF));
      attempt--;
      continue;
    }
    if (now === expected) {
      throw pushRefused(pushedBranch, options2.remote.display, push.stderr);
    }
    pushFailures = 0;
    if (attempt === maxAttempts) break;
    await waitToReapply(logger, options2.backoff, {
      attempt,
      maxAttempts,
      pushedBranch,
      movedTo: now,
      targetPath,
      during: "pushing"
    });
  }
  throw racesLost(maxAttempts, "other pushes", pushedBranch, options2.remote.display);
  async function prepare(attempt) {
    const baseTip = await fetchTip(branch);
    const base = baseTip?.commit;
    const root = baseTip?.tree;
    const pushTip = options2.pushBranch ? await fetchTip(options2.pushBranch) : void 0;
    const { levels, target } = root ? await trees.chain(root, targetPath) : { levels: [] };
    const result = attemptResult({ base, branch, pushedBranch, attempt });
    if (options2.inspect) {
      const worktree = join8(checkout.dir, "..", `view-${++views}`);
      const folder = join8(worktree, targetPath);
      if (target) await trees.materialise(target, folder);
      await options2.inspect({
        worktree,
        targetPath,
        tip: base,
        readFile: (path) => trees.readFile(root, path),
        readPushBranchFile: (path) => trees.readFile(pushTip?.tree, path)
      });
    }
    const folderTree = await trees.writeFolder(options2.sourceFolder, files());
    const newRoot = await trees.replaceOnPath(levels, targetPath, folderTree) ?? await git.mkTree([]);
    if (newRoot === root) {
      logger.info(`${targetPath} on ${branch} already holds this content; nothing to commit.`);
      return { done: result(false, base ?? "", false) };
    }
    if (options2.dryRun) return { done: result(true, "", false) };
    if (target) await trees.fetchFolderTrees(target);
    const parents = base ? [base] : [];
    const commit = await git.commitTree(
      newRoot,
      parents,
      options2.message,
      options2.author ?? DEFAULT_IDENTITY
    );
    return { commit, base, pushTip, newRoot, result };
  }
}

// shared/src/gitops/publish-folder.ts
var DEFAULT_IDENTITY = {
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com"
};
async function publishFolder(options2) {
  const { logger } = options2;
  const targetPath = normaliseRepoPath(options2.targetPath);
  if (!isDirectory(options2.sourceFolder)) {
    throw new UserError({
      message: `The folder to publish, '${options2.sourceFolder}', does not exist or is not a folder.`
    });
  }
  listServiceFolder(options2.sourceFolder, options2.sourceFolder, {
    what: "The folder to publish",
    symlinks: "refuse"
  });
  const maxAttempts = Math.max(1, options2.maxAttempts ?? 10);
  const checkout = await GitopsCheckout.open({
    remote: options2.remote,
    token: options2.token,
    branch: options2.branch,
    // The path-only route needs no worktree; the sparse checkout is set up only if it is refused.
    sparseFolders: [],
    logger,
    tempRoot: options2.tempRoot,
    fullClone: options2.fullClone,
    gitLimits: options2.gitLimits
  });
  try {
    if (!options2.fullClone) {
      const byPath = await publishFolderByPath(options2, checkout, targetPath, maxAttempts);
      if (byPath) return byPath;
      await checkout.git.sparseCheckoutSet([targetPath]);
    }
    const { git, branch } = checkout;
    const pushedBranch = options2.pushBranch ?? branch;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const base = await checkout.resetToRemote(branch);
      const at = base ?? "HEAD";
      const pushTip = options2.pushBranch ? await checkout.fetchTip(options2.pushBranch) : void 0;
      if (options2.inspect) {
        await options2.inspect({
          worktree: checkout.dir,
          targetPath,
          tip: base,
          readFile: (path) => base ? checkout.readFile(at, path) : Promise.resolve(void 0),
          readPushBranchFile: (path) => pushTip ? checkout.readFile(pushTip, path) : Promise.resolve(void 0)
        });
      }
      replaceFolder(checkout.dir, targetPath, options2.sourceFolder);
      await git.addAll(targetPath);
      const result = attemptResult({ base, branch, pushedBranch, attempt });
      if (!await git.hasStagedChanges()) {
        logger.info(`${targetPath} on ${branch} already holds this content; nothing to commit.`);
        return result(false, base ?? "", false);
      }
      if (options2.dryRun) return result(true, "", false);
      const commit = await git.commit(options2.message, options2.author ?? DEFAULT_IDENTITY);
      let expected = base;
      if (options2.pushBranch) {
        expected = pushTip;
        if (pushTip) {
          const theirs = await git.tryRevParse(`${pushTip}^{tree}`);
          const ours = await git.revParse(`${commit}^{tree}`);
          if (theirs === ours) {
            logger.info(`${pushedBranch} already holds this content on top of ${branch}.`);
            return result(true, pushTip, false);
          }
        }
      }
      const push = await git.push(
        checkout.remoteName,
        pushedBranch,
        options2.pushBranch ? { expectedOld: expected ?? null } : {}
      );
      if (push.exitCode === 0) {
        logger.info(`Pushed ${commit.slice(0, 12)} to ${pushedBranch} (attempt ${attempt}).`);
        return result(true, commit, true);
      }
      const now = await checkout.remoteTip(pushedBranch);
      if (now === commit) {
        logger.info(`Push reported failure but ${pushedBranch} holds ${commit.slice(0, 12)}.`);
        return result(true, commit, true);
      }
      if (now === expected) {
        throw pushRefused(pushedBranch, options2.remote.display, push.stderr);
      }
      if (attempt === maxAttempts) break;
      await waitToReapply(logger, options2.backoff, {
        attempt,
        maxAttempts,
        pushedBranch,
        movedTo: now,
        targetPath,
        during: "pushing"
      });
    }
    throw racesLost(maxAttempts, "other pushes", pushedBranch, options2.remote.display);
  } finally {
    checkout.close();
  }
}

// shared/src/gitops/publish-transport.ts
function chooseTransport(transport, remote, apiUrl, token) {
  if (transport === "git") return "git";
  const onGitHub = remote.github !== void 0 && apiServes(apiUrl, remote.url);
  if (transport === "auto") return onGitHub && token ? "api" : "git";
  if (!onGitHub)
    throw new UserError({
      message: `${inputRefStart("transport")} is api, but ${remote.display} is not a repository on the GitHub server ${apiUrl} serves.`,
      hint: `Use transport git (or auto) for repositories elsewhere.`
    });
  if (!token)
    throw new UserError({
      message: `${inputRefStart("transport")} is api, but ${inputRef("token")} is empty; the GitHub API needs one to write.`,
      hint: "Pass a token that may write the repository (contents: write), or use transport git."
    });
  return "api";
}
function apiServes(apiUrl, repositoryUrl) {
  try {
    const api = new URL(apiUrl);
    const repository = new URL(repositoryUrl);
    if (repository.protocol === "file:") return false;
    return api.host === repository.host || api.hostname === `api.${repository.hostname}` && api.port === repository.port;
  } catch {
    return false;
  }
}
async function publishThrough(choice, options2) {
  const transport = chooseTransport(choice.transport, options2.remote, choice.apiUrl, options2.token);
  if (transport === "git" || options2.fullClone) return publishFolder(options2);
  options2.logger.info(
    `Writing through the GitHub API (transport ${choice.transport}); no clone is made.`
  );
  const client = createGitHubClient({
    token: options2.token,
    baseUrl: choice.apiUrl,
    logger: options2.logger,
    retryUnitMs: choice.githubRetryUnitMs,
    writeSpacingMs: choice.githubWriteSpacingMs
  });
  return publishFolderViaApi({ ...options2, client, repository: options2.remote.github });
}

// shared/src/gitops/resource-diff.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { lstatSync as lstatSync5, mkdirSync as mkdirSync6, mkdtempSync as mkdtempSync4, rmSync as rmSync6, writeFileSync as writeFileSync5 } from "node:fs";
import { join as join9 } from "node:path";
import { isDeepStrictEqual as isDeepStrictEqual2 } from "node:util";
var REDACTED_FIELDS = ["data", "stringData"];
async function diffRenderedFolders(before, after, logger, beforeRoot) {
  const old = readResources(before, beforeRoot);
  const now = readResources(after);
  const changes = [];
  for (const [key, res] of now) {
    const prev = old.get(key);
    if (!prev) changes.push({ change: "added", resource: key, file: res.file });
    else if (!isDeepStrictEqual2(prev.value, res.value))
      changes.push({ change: "changed", resource: key, file: res.file });
  }
  for (const [key, res] of old)
    if (!now.has(key)) changes.push({ change: "removed", resource: key, file: res.file });
  changes.sort((a, b) => a.resource.localeCompare(b.resource));
  if (changes.length === 0) return { changes, unified: "" };
  const scratch = mkdtempSync4(join9(privateTempRoot(), "idp-diff-"));
  try {
    mkdirSync6(join9(scratch, "before"));
    mkdirSync6(join9(scratch, "after"));
    const git = await GitCommandManager.create(scratch, logger);
    const parts = [];
    for (const { resource } of changes) {
      const name2 = resource.replace(/[^A-Za-z0-9._-]+/g, "_") + ".yaml";
      const prev = old.get(resource)?.value;
      const next = now.get(resource)?.value;
      const a = prev === void 0 ? "/dev/null" : join9("before", name2);
      const b = next === void 0 ? "/dev/null" : join9("after", name2);
      if (prev !== void 0) writeFileSync5(join9(scratch, a), (0, import_yaml2.stringify)(redact(prev)));
      if (next !== void 0) writeFileSync5(join9(scratch, b), (0, import_yaml2.stringify)(redact(next, prev)));
      parts.push(await git.diffNoIndex(scratch, a, b));
    }
    return { changes, unified: parts.join("") };
  } finally {
    rmSync6(scratch, { recursive: true, force: true });
  }
}
function readResources(folder, root) {
  const out = /* @__PURE__ */ new Map();
  if (root !== void 0 && passesThroughLink(root, folder)) {
    const value = "(the folder is a symbolic link; its content is not shown)";
    out.set("(folder link)", { key: "(folder link)", file: ".", value });
    return out;
  }
  for (const file of listFiles(folder)) {
    if (file.startsWith(".idp/")) continue;
    const stat = lstatSync5(join9(folder, file));
    if (!stat.isFile()) {
      const what = stat.isSymbolicLink() ? "a symbolic link" : "not a regular file";
      out.set(file, { key: file, file, value: `(${what}; its content is not shown)` });
      continue;
    }
    const text2 = readServiceBytes(folder, join9(folder, file), {
      what: "The rendered file",
      display: file
    }).toString("utf8");
    if (!/\.ya?ml$/.test(file)) {
      out.set(file, { key: file, file, value: text2 });
      continue;
    }
    parseYamlStream(text2, { uniqueKeys: true }).forEach((doc, index) => {
      let value;
      try {
        const limit = doc.errors.find((e) => e.code === "RESOURCE_EXHAUSTION");
        if (limit) throw new Error(limit.message);
        value = doc.toJS();
      } catch (error) {
        const key2 = `${file}#${index + 1}`;
        out.set(key2, { key: key2, file, value: `(YAML idp cannot read: ${error.message})` });
        return;
      }
      if (value === null || value === void 0) return;
      const kind = value.kind;
      const key = resourceKey(value) ?? (typeof kind === "string" ? `${kind} ${file}` : `${file}#${index + 1}`);
      out.set(key, { key, file, value });
    });
  }
  return out;
}
function resourceKey(value) {
  if (!value || typeof value !== "object") return void 0;
  const obj = value;
  if (typeof obj.kind !== "string" || typeof obj.metadata?.name !== "string") return void 0;
  const ns = typeof obj.metadata.namespace === "string" ? `${obj.metadata.namespace}/` : "";
  return `${obj.kind} ${ns}${obj.metadata.name}`;
}
function redact(value, previous) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const copy = { ...value };
  const before = previous && typeof previous === "object" ? previous : void 0;
  for (const field of REDACTED_FIELDS) {
    const map = copy[field];
    if (!map || typeof map !== "object" || Array.isArray(map)) continue;
    const old = before?.[field] ?? {};
    copy[field] = Object.fromEntries(
      Object.entries(map).map(([k, v]) => [
        k,
        !before || isDeepStrictEqual2(old[k], v) ? "<redacted>" : k in old ? "<redacted: changed>" : "<redacted: added>"
      ])
    );
  }
  return copy;
}
function describeChanges(changes) {
  const sign = { added: "+", changed: "~", removed: "-" };
  return changes.map((c) => `${sign[c.change]} ${c.change} ${c.resource} (${c.file})`).join("\n");
}

// shared/src/gitops/promote.ts
function readIncomingRecord(manifests, display) {
  const text2 = isFolder(manifests) ? readOptionalServiceFile(manifests, join10(manifests, RENDER_RECORD_PATH), {
    what: "The render record",
    display: `${display}/${RENDER_RECORD_PATH}`
  }) : void 0;
  if (text2 === void 0) {
    throw new UserError({
      message: `${inputRefStart("manifests")} (${display}) holds no ${RENDER_RECORD_PATH}; it is not a rendered environment folder.`,
      hint: "Point manifests at one environment folder written by idp render, e.g. rendered/prod."
    });
  }
  return parseRenderRecord2(text2, `${display}/${RENDER_RECORD_PATH}`);
}
function isFolder(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
async function promote(plan, logger) {
  const { record, environment } = plan;
  const service = record.service;
  const others = plan.environments.filter((e) => e.environment !== environment);
  const local = (l) => l.remote.url === plan.target.remote.url && l.branch === plan.target.branch;
  const wanted = [...others, ...plan.requires].filter(
    (l, i, all) => all.findIndex((o) => o.environment === l.environment) === i
  );
  const remote = wanted.filter((l) => !local(l));
  const gate = new Set(plan.requires.map((r) => r.environment));
  const unread = /* @__PURE__ */ new Set();
  const elsewhere = remote.length === 0 ? [] : await logger.group("Reading what environments in other repositories hold", async () => [
    ...await readDeployedRenders(
      remote.filter((l) => gate.has(l.environment)),
      plan.token,
      logger,
      plan.tempRoot
    ),
    ...await readForSummary(
      remote.filter((l) => !gate.has(l.environment)),
      plan,
      logger,
      unread
    )
  ]);
  const byEnv = new Map(elsewhere.map((d) => [d.location.environment, d]));
  let gateLogged = false;
  const checkGates = async (view) => {
    for (const location of wanted.filter(local)) {
      const file = `${location.path}/${RENDER_RECORD_PATH}`;
      const text2 = await view.readFile(file);
      const display = `${location.remote.display}:${file}`;
      byEnv.set(location.environment, {
        location,
        commit: view.tip,
        record: text2 === void 0 ? void 0 : parseRenderRecord2(text2, display)
      });
    }
    const required = plan.requires.map(
      (r) => byEnv.get(r.environment) ?? { location: r }
    );
    checkRequiredEnvironments(environment, record, required);
    if (required.length > 0 && !gateLogged) {
      gateLogged = true;
      logger.info(
        `Gate passed: ${required.map((r) => r.location.environment).join(", ")} run this release.`
      );
    }
  };
  if (plan.mode === "pull-request" && plan.target.remote.github && !plan.token && !plan.dryRun) {
    throw new UserError({
      message: `Pull-request mode needs a token to open the pull request in ${plan.target.remote.display}; ${inputRef("token")} is empty.`,
      hint: "Pass a token that may push branches and open pull requests in the GitOps repository."
    });
  }
  const identityToken = plan.requestIdentity && !plan.dryRun ? await plan.requestIdentity(identityAudience(environment, service, record.digest)) : void 0;
  const message = renderCommitMessage(plan.commitMessage, record, plan.runUrl, identityToken);
  const staging = mkdtempSync5(join10(plan.tempRoot ?? privateTempRoot(), "idp-promote-"));
  try {
    copyPublishableFolder(plan.manifests, staging, {
      what: "The folder to promote",
      display: plan.manifestsDisplay ?? plan.manifests
    });
  } catch (error) {
    rmSync7(staging, { recursive: true, force: true });
    throw error;
  }
  const incomingRecord = readFileSync2(join10(staging, RENDER_RECORD_PATH), "utf8");
  let diff = { changes: [], unified: "" };
  let age;
  const where = `${plan.target.remote.display}:${plan.target.path}`;
  let published;
  try {
    const choice = {
      transport: plan.transport ?? "auto",
      apiUrl: plan.apiUrl,
      githubRetryUnitMs: plan.githubRetryUnitMs,
      githubWriteSpacingMs: plan.githubWriteSpacingMs
    };
    published = await logger.group(
      `Writing ${where}`,
      () => publishThrough(choice, {
        sourceFolder: staging,
        remote: plan.target.remote,
        token: plan.token,
        branch: plan.target.branch,
        targetPath: plan.target.path,
        message,
        author: plan.author,
        maxAttempts: plan.maxAttempts,
        backoff: plan.backoff,
        pushBranch: plan.mode === "pull-request" ? `idp/${environment}/${service}` : void 0,
        dryRun: plan.dryRun,
        logger,
        tempRoot: plan.tempRoot,
        // On every attempt: what the (new) tip holds decides refusal and the diff.
        inspect: async (view) => {
          await checkGates(view);
          const current = join10(view.worktree, view.targetPath);
          const text2 = await view.readFile(`${view.targetPath}/${RENDER_RECORD_PATH}`);
          const held = text2 === void 0 ? void 0 : parseRenderRecord2(text2, `${where}/${RENDER_RECORD_PATH}`);
          byEnv.set(environment, { location: plan.target, commit: view.tip, record: held });
          plan.mayReplace?.(held, where);
          const alreadyRuns = held !== void 0 && text2 !== void 0 && sameRelease(held, record);
          writeFileSync6(join10(staging, RENDER_RECORD_PATH), alreadyRuns ? text2 : incomingRecord);
          if (alreadyRuns) {
            logger.info(
              `${where} already runs this content (${record.digest}); nothing to promote.`
            );
            diff = { changes: [], unified: "" };
            return;
          }
          age = assertNotOlder(held, record, where, plan.allowRollback);
          const proposed = await view.readPushBranchFile(`${view.targetPath}/${RENDER_RECORD_PATH}`);
          if (proposed !== void 0) {
            const pending = parseRenderRecord2(proposed, `idp/${environment}/${service}`);
            plan.mayReplace?.(
              pending,
              `the open pull request's branch idp/${environment}/${service}`
            );
            assertNotOlder(
              pending,
              record,
              `the open pull request's branch idp/${environment}/${service}`,
              plan.allowRollback
            );
          }
          if (age === "older")
            logger.warning(`Rolling back ${service} in ${environment} (allow-rollback is on).`);
          diff = await diffRenderedFolders(current, staging, logger, view.worktree);
        }
      })
    );
  } finally {
    rmSync7(staging, { recursive: true, force: true });
  }
  const diffText = diff.changes.length === 0 ? "" : `${describeChanges(diff.changes)}

${diff.unified}`;
  if (plan.dryRun) {
    logger.info(
      published.changed ? `Dry run: would change ${where}:
${diffText || "(only .idp/render.json differs)"}` : `Dry run: ${where} already holds this content.`
    );
  }
  let pull;
  if (plan.mode === "pull-request" && published.changed && !plan.dryRun) {
    pull = await openPullRequest(
      plan,
      published.pushedBranch,
      published.baseBranch,
      message,
      diff,
      logger
    );
  }
  const summaryEnvironments = plan.environments.map((location) => ({
    environment: location.environment,
    unread: unread.has(location.environment),
    digest: location.environment === environment && published.changed && !plan.dryRun && plan.mode === "push" ? record.digest : byEnv.get(location.environment)?.record?.digest
  }));
  const summary = promoteSummary({
    plan,
    changed: published.changed,
    commitSha: published.commitSha,
    pushedBranch: published.pushedBranch,
    diff,
    age,
    pullRequest: pull,
    environments: summaryEnvironments
  });
  if (published.changed && !plan.dryRun)
    logger.info(
      plan.mode === "pull-request" ? `Proposed ${service} (${describeImages(record)}) for ${environment} on ${published.pushedBranch}.` : `Promoted ${service} (${describeImages(record)}) to ${environment}.`
    );
  return {
    changed: published.changed,
    commitSha: published.commitSha,
    pullRequestUrl: pull?.url ?? "",
    pullRequestNumber: pull ? String(pull.number) : "",
    diff: diffText,
    summary
  };
}
async function openPullRequest(plan, head, base, message, diff, logger) {
  const github = plan.target.remote.github;
  if (!github || !plan.token) {
    logger.warning(
      `Pushed ${head}; ${plan.target.remote.display} is not a GitHub repository, so no pull request was opened. Open one from ${head} to ${base} with your git host.`
    );
    return void 0;
  }
  const client = createGitHubClient({
    token: plan.token,
    baseUrl: plan.apiUrl,
    logger,
    retryUnitMs: plan.githubRetryUnitMs
  });
  const spec = {
    owner: github.owner,
    repo: github.repo,
    head,
    base,
    title: message.split("\n")[0],
    body: pullRequestBody(plan, diff),
    labels: plan.labels,
    autoMerge: plan.autoMerge
  };
  try {
    return await upsertPullRequest(client, spec, logger);
  } catch (error) {
    const status = statusOf(error);
    if (status === void 0) throw error;
    throw new UserError({
      message: `The GitHub API answered ${status} while opening the pull request for ${head} in ${github.owner}/${github.repo}: ${error.message}`,
      hint: status === 401 || status === 403 || status === 404 ? "Check that the token may read the repository and write pull requests (pull-requests: write)." : `${head} was pushed; run promote again to open or update the pull request.`
    });
  }
}
async function readForSummary(locations, plan, logger, unread) {
  const byRemote = /* @__PURE__ */ new Map();
  for (const l of locations) byRemote.set(l.remote.url, [...byRemote.get(l.remote.url) ?? [], l]);
  const out = [];
  for (const group of byRemote.values()) {
    try {
      out.push(...await readDeployedRenders(group, plan.token, logger, plan.tempRoot));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      for (const l of group) unread.add(l.environment);
      logger.warning(
        `Could not read what ${group.map((l) => l.environment).join(", ")} hold${group.length === 1 ? "s" : ""} in ${group[0].remote.display} for the summary (not a gate of ${plan.environment}): ${error.message.split("\n")[0]}`
      );
    }
  }
  return out;
}
function sameRelease(held, incoming) {
  return held.digest === incoming.digest && JSON.stringify(held.images) === JSON.stringify(incoming.images);
}

export {
  RENDER_RECORD_PATH,
  resolveRemote,
  readIncomingRecord,
  promote
};
